package io.driftwatch.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cluster member as its own JVM ({@code driftwatch up}), so a test can kill it the way a machine
 * dies: SIGKILL, no coordinated shutdown, no leaving the cluster.
 */
final class MemberProcess implements AutoCloseable {

  private static final Pattern SERVING = Pattern.compile("serving (http://\\S+)");

  private final Process process;
  private final String url;
  private final List<String> stderr;

  private MemberProcess(Process process, String url, List<String> stderr) {
    this.process = process;
    this.url = url;
    this.stderr = stderr;
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
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "io.driftwatch.app.Main",
                "up",
                "--config",
                config.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).start();
    List<String> stderr = Collections.synchronizedList(new ArrayList<>());
    Thread errors =
        new Thread(
            () -> {
              try (BufferedReader r = reader(process.getErrorStream())) {
                r.lines().forEach(stderr::add);
              } catch (IOException e) {
                // the process is gone
              }
            },
            "member-stderr");
    errors.setDaemon(true);
    errors.start();
    try {
      BufferedReader out = reader(process.getInputStream());
      String line = out.readLine();
      Matcher m = SERVING.matcher(line == null ? "" : line);
      if (!m.find()) {
        process.destroyForcibly();
        throw new AssertionError("member did not start: " + line + "; stderr: " + stderr);
      }
      drain(out);
      return new MemberProcess(process, m.group(1), stderr);
    } catch (IOException e) {
      process.destroyForcibly();
      throw new UncheckedIOException(e);
    }
  }

  String url() {
    return url;
  }

  /** Kills the JVM at once (SIGKILL) and waits until it is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("member process did not die");
    }
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }

  /** Reads what else the member prints, so that a full pipe never blocks it. */
  private static void drain(BufferedReader out) {
    Thread t =
        new Thread(
            () -> {
              try {
                while (out.readLine() != null) {
                  // nothing to keep
                }
              } catch (IOException e) {
                // the process is gone
              }
            },
            "member-stdout");
    t.setDaemon(true);
    t.start();
  }

  /** The member's log so far, for a failing test's message. */
  String log() {
    synchronized (stderr) {
      return String.join("\n", stderr.subList(Math.max(0, stderr.size() - 50), stderr.size()));
    }
  }

  private static BufferedReader reader(java.io.InputStream in) {
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }
}
