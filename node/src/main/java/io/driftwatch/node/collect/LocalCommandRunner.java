package io.driftwatch.node.collect;

import io.driftwatch.node.fact.Text;
import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands on the node's own machine for the fact sources that cannot read a file instead:
 * argument vectors only (never a shell), a fixed C locale, no input, a deadline and bounded output.
 */
public final class LocalCommandRunner implements CommandRunner {

  /** Enough of stderr for the first line of an error message; the rest is read and dropped. */
  static final int STDERR_KEEP_BYTES = 4096;

  /** Used when the node itself has no PATH, which happens under some service managers. */
  private static final String DEFAULT_PATH =
      "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private final Duration timeout;
  private final long maxOutputBytes;
  private final String path;

  /**
   * @param timeout how long one command may run, output included
   * @param maxOutputBytes the largest standard output accepted
   */
  public LocalCommandRunner(Duration timeout, long maxOutputBytes) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("command timeout must be positive: " + timeout);
    }
    if (maxOutputBytes <= 0 || maxOutputBytes >= Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "maxOutputBytes must be between 1 and "
              + (Integer.MAX_VALUE - 9)
              + ": "
              + maxOutputBytes);
    }
    this.timeout = timeout;
    this.maxOutputBytes = maxOutputBytes;
    String inherited = System.getenv("PATH");
    this.path = inherited == null || inherited.isBlank() ? DEFAULT_PATH : inherited;
  }

  /** A runner with the collector's command timeout and per-source byte limit. */
  public static LocalCommandRunner of(CollectorSettings settings) {
    return new LocalCommandRunner(settings.commandTimeout(), settings.maxSourceBytes());
  }

  @Override
  public Optional<String> run(List<String> argv) throws IOException {
    if (argv.isEmpty() || argv.get(0).isEmpty()) {
      throw new IllegalArgumentException("a command needs a program name");
    }
    String name = argv.get(0);
    Optional<Path> program = findProgram(name);
    if (program.isEmpty()) {
      return Optional.empty();
    }
    List<String> command = new ArrayList<>(argv);
    command.set(0, program.get().toString());

    ProcessBuilder builder = new ProcessBuilder(command);
    // A clean environment: the node's may carry credentials, and the output must not depend on the
    // node's locale (sorting, translated messages, decimal separators).
    Map<String, String> environment = builder.environment();
    environment.clear();
    environment.put("PATH", path);
    environment.put("LC_ALL", "C");
    environment.put("LANG", "C");
    builder.directory(new File("/"));

    long deadline = System.nanoTime() + timeout.toNanos();
    Process process = builder.start();
    process.getOutputStream().close();
    OutputDrain stdout =
        OutputDrain.start(
            process.getInputStream(),
            (int) maxOutputBytes,
            OutputDrain.Overflow.STOP,
            () -> kill(process),
            "driftwatch-command-stdout");
    OutputDrain stderr =
        OutputDrain.start(
            process.getErrorStream(),
            STDERR_KEEP_BYTES,
            OutputDrain.Overflow.DISCARD,
            () -> {},
            "driftwatch-command-stderr");
    try {
      // Both the process and its outputs must finish in time: a background child that inherited
      // the pipes can keep them open after the command itself exited (the JDK only closes them at
      // exit when no read is in progress).
      boolean finished =
          process.waitFor(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)
              && stdout.await(deadline - System.nanoTime())
              && stderr.await(deadline - System.nanoTime());
      if (!finished) {
        kill(process);
        throw new IOException(name + " timed out after " + seconds(timeout));
      }
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(name + " was interrupted");
    }
    if (stdout.overflowed()) {
      throw new SourceTooLargeException("the output of " + name, maxOutputBytes);
    }
    if (stdout.failure() != null) {
      throw new IOException("reading the output of " + name + " failed: " + stdout.failure());
    }
    int status = process.exitValue();
    if (status != 0) {
      String firstLine = firstLine(stderr.text());
      throw new IOException(
          name
              + " exited with status "
              + status
              + (firstLine.isEmpty() ? "" : ": " + Text.quote(firstLine)));
    }
    return Optional.of(stdout.text());
  }

  /**
   * The program as the kernel would find it, or empty when it is not installed. Looked up here
   * rather than left to {@link ProcessBuilder#start} because "not installed" is an answer (the
   * source has nothing to report), while a failure to start is an error.
   */
  private Optional<Path> findProgram(String name) {
    try {
      if (name.contains("/")) {
        Path program = Path.of(name);
        return isProgram(program) ? Optional.of(program) : Optional.empty();
      }
      for (String dir : path.split(":")) {
        if (dir.isEmpty()) {
          continue;
        }
        Path candidate = Path.of(dir, name);
        if (isProgram(candidate)) {
          return Optional.of(candidate);
        }
      }
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("invalid program name " + Text.quote(name));
    }
    return Optional.empty();
  }

  private static boolean isProgram(Path candidate) {
    return Files.isRegularFile(candidate) && Files.isExecutable(candidate);
  }

  /** Kills the command and whatever it started, so nothing outlives a refused or late command. */
  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private static String firstLine(String text) {
    return text.strip().lines().findFirst().orElse("").strip();
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
