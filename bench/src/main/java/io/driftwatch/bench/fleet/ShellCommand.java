package io.driftwatch.bench.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a peer's command line through {@code sh -c}, as a user would type it, with its output in a
 * file, and waits for it: the JVM reaps it, so its CPU and that of every process it waited for
 * lands in this JVM's cutime/cstime ({@link NodeCpu#reapedChildrenNanos}).
 */
final class ShellCommand {

  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  private ShellCommand() {}

  /**
   * @param output where stdout and stderr go (overwritten)
   * @throws IllegalStateException unless the command exits 0 within the timeout
   */
  static void run(String commandLine, Map<String, String> env, Path workDir, Path output)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(List.of("/bin/sh", "-c", commandLine))
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new IllegalStateException("timed out after " + TIMEOUT + ": " + commandLine);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          "exit " + process.exitValue() + ": " + commandLine + "\n" + tail(output));
    }
  }

  /** The end of an output file, for error messages. */
  static String tail(Path output) throws IOException {
    String text = Files.readString(output);
    return text.length() <= 2000 ? text : "…" + text.substring(text.length() - 2000);
  }
}
