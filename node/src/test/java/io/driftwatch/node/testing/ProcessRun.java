package io.driftwatch.node.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a tool (ssh-keygen, ssh-add, kill) to completion for a test fixture, argv only. */
public final class ProcessRun {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private ProcessRun() {}

  /** Runs {@code argv} and returns its output (stdout and stderr); fails unless it exits 0. */
  public static String run(String... argv) {
    return run(Map.of(), argv);
  }

  /** Runs {@code argv} with extra environment variables; fails unless it exits 0. */
  public static String run(Map<String, String> env, String... argv) {
    ProcessBuilder builder = new ProcessBuilder(List.of(argv)).redirectErrorStream(true);
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(argv[0] + " did not finish within " + TIMEOUT);
      }
      String text = new String(output, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", argv) + " exited " + process.exitValue() + ": " + text);
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + argv[0], e);
    }
  }
}
