package io.driftwatch.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code driftwatch} command as its own JVM (the app's {@code Main} on the test classpath), for
 * tests that need what only a process has: Ctrl-C (SIGINT), dying at once (SIGKILL), a cold JVM.
 * Both output streams are read as they come, so a full pipe never blocks the process; stdout line
 * by line for the test, stderr kept whole for failure messages.
 */
final class DriftwatchProcess implements AutoCloseable {

  /** How long a command gets to print that it serves: a JVM starting on a busy machine. */
  private static final Duration STARTUP = Duration.ofMinutes(2);

  private static final Duration GONE = Duration.ofSeconds(30);

  /** The URL in the line saying where a command serves (the demo's ends in a colon). */
  private static final Pattern SERVING = Pattern.compile("serving (http://[^\\s/]+:\\d+)");

  private final Process process;

  /** Lines of stdout as they come, then an empty one for its end. */
  private final BlockingQueue<Optional<String>> stdout = new LinkedBlockingQueue<>();

  private final List<String> stderr = Collections.synchronizedList(new ArrayList<>());
  private final Thread stdoutReader;
  private final Thread stderrReader;
  private boolean stdoutEnded;
  private String url;

  private DriftwatchProcess(Process process) {
    this.process = process;
    this.stdoutReader =
        readLines(
            process.getInputStream(),
            "stdout",
            line -> stdout.add(Optional.of(line)),
            () -> stdout.add(Optional.empty()));
    this.stderrReader = readLines(process.getErrorStream(), "stderr", stderr::add, () -> {});
  }

  /**
   * Runs {@code driftwatch ARGS} in a JVM with {@code jvmOptions} (such as {@code -Xmx256m}) and
   * {@code env} added to this process's environment.
   */
  static DriftwatchProcess start(List<String> jvmOptions, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.driftwatch.app.Main"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    try {
      return new DriftwatchProcess(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits for the first line of stdout, which must say where the command serves, and returns it; if
   * it does not come in time or says something else, kills the process and fails with its stderr.
   */
  String awaitServing() {
    String line;
    try {
      line = nextLine(STARTUP);
    } catch (AssertionError e) {
      process.destroyForcibly();
      throw e;
    }
    Matcher serving = SERVING.matcher(line == null ? "" : line);
    if (!serving.find()) {
      process.destroyForcibly();
      throw new AssertionError(
          "did not start serving: first line of stdout " + line + "; stderr:\n" + stderr());
    }
    url = serving.group(1);
    return line;
  }

  /** The URL the command serves, once {@link #awaitServing()} has seen it. */
  String url() {
    if (url == null) {
      throw new IllegalStateException("awaitServing() first");
    }
    return url;
  }

  /**
   * The next line of stdout, or null once stdout has ended; fails with the process's stderr if none
   * comes within {@code timeout}.
   */
  String nextLine(Duration timeout) {
    if (stdoutEnded) {
      return null;
    }
    try {
      Optional<String> line = stdout.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (line == null) {
        throw new AssertionError("no line on stdout within " + timeout + "; stderr:\n" + stderr());
      }
      stdoutEnded = line.isEmpty();
      return line.orElse(null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends SIGINT, what Ctrl-C sends. */
  void interrupt() {
    try {
      new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Whether the process ends within {@code timeout}; once it has, {@link #stderr()} holds all it
   * wrote.
   */
  boolean exited(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return false;
    }
    stdoutReader.join(GONE.toMillis());
    stderrReader.join(GONE.toMillis());
    return true;
  }

  /** Kills the JVM at once (SIGKILL), the way a machine dies, and waits until it is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(GONE.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("process " + process.pid() + " did not die");
    }
  }

  /** Kills the process if it still runs. */
  @Override
  public void close() throws InterruptedException {
    kill();
  }

  /** What the process wrote to stderr so far (all of it once it {@link #exited}). */
  String stderr() {
    synchronized (stderr) {
      return String.join("\n", stderr);
    }
  }

  /**
   * Starts a daemon thread that hands each line of {@code in} to {@code sink}, then runs {@code
   * end}.
   */
  private Thread readLines(InputStream in, String name, Consumer<String> sink, Runnable end) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                r.lines().forEach(sink);
              } catch (IOException | UncheckedIOException e) {
                // the process is gone
              } finally {
                end.run();
              }
            },
            "driftwatch-" + process.pid() + "-" + name);
    reader.setDaemon(true);
    reader.start();
    return reader;
  }
}
