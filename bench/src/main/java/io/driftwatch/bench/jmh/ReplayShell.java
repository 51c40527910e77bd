package io.driftwatch.bench.jmh;

import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.remote.RemoteResult;
import io.driftwatch.node.remote.RemoteShell;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A target that never changes, played from two recorded answers: the full one to a request that
 * holds nothing, the unchanged one to a request that names what the node holds.
 */
final class ReplayShell implements RemoteShell {

  private final RecordedAnswer full;
  private final RecordedAnswer unchanged;

  ReplayShell(RecordedAnswer full, RecordedAnswer unchanged) {
    this.full = full;
    this.unchanged = unchanged;
  }

  @Override
  public CompletionStage<RemoteResult> run(
      HostSpec host, String command, byte[] stdin, long maxOutputBytes, Duration timeout) {
    RecordedAnswer answer = RecordedAnswer.holdsUnits(stdin) ? unchanged : full;
    return CompletableFuture.completedFuture(answer.replyTo(stdin));
  }
}
