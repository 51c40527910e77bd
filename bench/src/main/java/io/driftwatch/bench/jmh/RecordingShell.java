package io.driftwatch.bench.jmh;

import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.remote.RemoteResult;
import io.driftwatch.node.remote.RemoteShell;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/** Passes a run on to a real shell and keeps its request and answer as a {@link RecordedAnswer}. */
final class RecordingShell implements RemoteShell {

  private final RemoteShell shell;
  private volatile RecordedAnswer last;

  RecordingShell(RemoteShell shell) {
    this.shell = shell;
  }

  @Override
  public CompletionStage<RemoteResult> run(
      HostSpec host, String command, byte[] stdin, long maxOutputBytes, Duration timeout) {
    return shell
        .run(host, command, stdin, maxOutputBytes, timeout)
        .thenApply(
            result -> {
              last = RecordedAnswer.of(stdin, result);
              return result;
            });
  }

  RecordedAnswer last() {
    return last;
  }
}
