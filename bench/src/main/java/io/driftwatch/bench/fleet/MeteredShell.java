package io.driftwatch.bench.fleet;

import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.remote.RemoteResult;
import io.driftwatch.node.remote.RemoteShell;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Passes runs on to the real shell and adds up the SSH wire bytes each one reports ({@link
 * RemoteResult.Traffic}): what Driftwatch itself says a probe cost on the network.
 */
final class MeteredShell implements RemoteShell {

  private final RemoteShell shell;
  private final AtomicLong wireBytes = new AtomicLong();

  MeteredShell(RemoteShell shell) {
    this.shell = shell;
  }

  @Override
  public CompletionStage<RemoteResult> run(
      HostSpec host, String command, byte[] stdin, long maxOutputBytes, Duration timeout) {
    return shell
        .run(host, command, stdin, maxOutputBytes, timeout)
        .thenApply(
            result -> {
              RemoteResult.Traffic t = result.traffic();
              wireBytes.addAndGet(t.wireSent() + t.wireReceived());
              return result;
            });
  }

  /** Wire bytes (both directions) of all runs so far, and resets the count. */
  long takeWireBytes() {
    return wireBytes.getAndSet(0);
  }
}
