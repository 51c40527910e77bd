package io.driftwatch.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A cluster member as its own JVM ({@code driftwatch up}), so a test can kill it the way a machine
 * dies: SIGKILL, no coordinated shutdown, no leaving the cluster.
 */
final class MemberProcess implements AutoCloseable {

  private final DriftwatchProcess process;

  private MemberProcess(DriftwatchProcess process) {
    this.process = process;
  }

  /**
   * Runs {@code driftwatch up ARGS} with {@code settings} (config paths) in a --config file, and
   * returns once it serves.
   */
  static MemberProcess start(Path dir, Map<String, Object> settings, String... args)
      throws IOException {
    Files.createDirectories(dir);
    Path config = dir.resolve("member.conf");
    StringBuilder hocon = new StringBuilder();
    settings.forEach((k, v) -> hocon.append(k).append(" = \"").append(v).append("\"\n"));
    Files.writeString(config, hocon);
    List<String> up = new ArrayList<>(List.of("up", "--config", config.toString()));
    up.addAll(List.of(args));
    DriftwatchProcess process =
        DriftwatchProcess.start(List.of("-Xmx256m"), Map.of(), up.toArray(String[]::new));
    process.awaitServing();
    return new MemberProcess(process);
  }

  String url() {
    return process.url();
  }

  /** Kills the JVM at once (SIGKILL) and waits until it is gone. */
  void kill() throws InterruptedException {
    process.kill();
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}
