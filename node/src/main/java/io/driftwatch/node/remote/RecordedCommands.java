package io.driftwatch.node.remote;

import io.driftwatch.node.collect.CommandRunner;
import io.driftwatch.node.collect.SourceTooLargeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The commands of a {@link Snapshot}: answers what each declared command printed when the probe ran
 * it, with the same results and failures as {@link io.driftwatch.node.collect.LocalCommandRunner}.
 */
public final class RecordedCommands implements CommandRunner {

  private final Snapshot snapshot;
  private final long maxOutputBytes;

  public RecordedCommands(Snapshot snapshot, long maxOutputBytes) {
    this.snapshot = snapshot;
    this.maxOutputBytes = maxOutputBytes;
  }

  @Override
  public Optional<String> run(List<String> argv) throws IOException {
    Snapshot.Run run =
        snapshot
            .run(argv)
            .orElseThrow(() -> new UndeclaredInputException("command " + String.join(" ", argv)));
    if (run instanceof Snapshot.Run.Output output) {
      if (output.text().getBytes(StandardCharsets.UTF_8).length > maxOutputBytes) {
        throw new SourceTooLargeException("the output of " + argv.get(0), maxOutputBytes);
      }
      return Optional.of(output.text());
    }
    if (run instanceof Snapshot.Run.Failed failed) {
      throw new IOException(failed.message());
    }
    return Optional.empty();
  }
}
