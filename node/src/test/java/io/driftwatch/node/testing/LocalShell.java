package io.driftwatch.node.testing;

import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.probe.ProbeException;
import io.driftwatch.node.remote.RemoteResult;
import io.driftwatch.node.remote.RemoteShell;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test-only {@link RemoteShell} that runs the command the way sshd would, through a real local
 * {@code sh -c}, optionally as another user ({@code runuser}, when the tests run as root), with
 * another PATH, or with directories of the test's own mounted over system directories in a private
 * mount namespace: the remote probe script runs for real, without SSH.
 */
public final class LocalShell implements RemoteShell {

  private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin";
  private static final int STDERR_KEEP = 4096;

  private final String user;
  private final String path;
  private final String replacement;
  private final Map<Path, Path> mounts;
  private final AtomicLong runs = new AtomicLong();
  private volatile RemoteResult last;
  private volatile byte[] lastInput;

  private LocalShell(String user, String path, String replacement, Map<Path, Path> mounts) {
    this.user = user;
    this.path = path;
    this.replacement = replacement;
    // In order: a later mount may lie inside an earlier one.
    this.mounts = Collections.unmodifiableMap(new LinkedHashMap<>(mounts));
  }

  /** Runs as the current user with a standard PATH. */
  public static LocalShell asCurrentUser() {
    return new LocalShell(null, DEFAULT_PATH, null, Map.of());
  }

  /** Runs as {@code user} through runuser; only root may do that. */
  public static LocalShell as(String user) {
    return new LocalShell(user, DEFAULT_PATH, null, Map.of());
  }

  /** The standard PATH, for tests that put a directory of their own in front. */
  public static String defaultPath() {
    return DEFAULT_PATH;
  }

  /** The same shell with another PATH, e.g. one lacking a tool. */
  public LocalShell withPath(String path) {
    return new LocalShell(user, path, replacement, mounts);
  }

  /**
   * The same shell running {@code command} instead of the one it is asked to run, with the same
   * input: a target that answers something else (garbage, a cut-short answer).
   */
  public LocalShell replacing(String command) {
    return new LocalShell(user, path, command, mounts);
  }

  /**
   * The same shell seeing each directory of {@code mounts} at the path it maps to, which must
   * exist: every run gets a private mount namespace ({@code unshare -m}, root only) with these bind
   * mounts, so a test changes what a command on "/" sees without touching the machine.
   */
  public LocalShell withMounts(Map<Path, Path> mounts) {
    if (user != null) {
      throw new IllegalArgumentException("mounts are for root's runs only");
    }
    return new LocalShell(user, path, replacement, mounts);
  }

  /** How many commands it ran. */
  public long runs() {
    return runs.get();
  }

  /** The standard input of the last run, or null. */
  public byte[] lastInput() {
    return lastInput == null ? null : lastInput.clone();
  }

  /** What the last run that completed returned, or null. */
  public RemoteResult last() {
    return last;
  }

  @Override
  public CompletionStage<RemoteResult> run(
      HostSpec host, String command, byte[] stdin, long maxOutputBytes, Duration timeout) {
    runs.incrementAndGet();
    lastInput = stdin.clone();
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return runNow(command, stdin, maxOutputBytes, timeout);
          } catch (ProbeException e) {
            throw new CompletionException(e);
          } catch (IOException e) {
            throw new CompletionException(
                new ProbeException(ProbeException.Reason.UNREACHABLE, e.getMessage()));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(
                new ProbeException(ProbeException.Reason.TIMEOUT, "interrupted"));
          }
        });
  }

  private RemoteResult runNow(String command, byte[] stdin, long maxOutputBytes, Duration timeout)
      throws IOException, InterruptedException, ProbeException {
    List<String> argv = new ArrayList<>();
    if (user != null) {
      argv.addAll(List.of("runuser", "-u", user, "--"));
    }
    if (!mounts.isEmpty()) {
      // Mounts by arguments, never by building a command line; then the command as sshd runs it.
      argv.addAll(
          List.of(
              "unshare",
              "-m",
              "/bin/sh",
              "-c",
              "c=$1; shift; while [ $# -gt 0 ]; do mount --bind \"$1\" \"$2\" || exit 97;"
                  + " shift 2; done; exec /bin/sh -c \"$c\"",
              "sh"));
      argv.add(replacement != null ? replacement : command);
      mounts.forEach(
          (target, source) -> {
            argv.add(source.toString());
            argv.add(target.toString());
          });
    } else {
      argv.addAll(List.of("/bin/sh", "-c", replacement != null ? replacement : command));
    }
    ProcessBuilder builder = new ProcessBuilder(argv);
    Map<String, String> env = builder.environment();
    env.clear();
    env.put("PATH", path);
    env.put("LANG", "C.UTF-8");
    Process process = builder.start();
    CompletableFuture<Void> writing =
        CompletableFuture.runAsync(
            () -> {
              try (OutputStream in = process.getOutputStream()) {
                in.write(stdin);
              } catch (IOException e) {
                // The command may exit before reading everything; its answer says what happened.
              }
            });
    CompletableFuture<byte[]> stdout =
        CompletableFuture.supplyAsync(() -> drain(process.getInputStream(), maxOutputBytes + 1));
    CompletableFuture<byte[]> stderr =
        CompletableFuture.supplyAsync(() -> drain(process.getErrorStream(), STDERR_KEEP));
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      kill(process);
      throw new ProbeException(
          ProbeException.Reason.TIMEOUT, "the command took longer than " + timeout);
    }
    byte[] out = stdout.join();
    byte[] err = stderr.join();
    writing.join();
    if (out.length > maxOutputBytes) {
      kill(process);
      throw new ProbeException(
          ProbeException.Reason.OUTPUT_CAP,
          "the host sent more than the " + maxOutputBytes + "-byte cap per probe");
    }
    RemoteResult result =
        new RemoteResult(
            process.exitValue(),
            out,
            new String(err, StandardCharsets.UTF_8),
            new RemoteResult.Traffic(stdin.length, out.length + err.length, -1, -1));
    last = result;
    return result;
  }

  /** Reads a stream to its end, keeping at most {@code keep} bytes and discarding the rest. */
  private static byte[] drain(InputStream in, long keep) {
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    try (in) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        int room = (int) Math.max(0, Math.min(n, keep - kept.size()));
        kept.write(buffer, 0, room);
      }
    } catch (IOException e) {
      // The process was killed; what was read is what there is.
    }
    return kept.toByteArray();
  }

  /**
   * Stops the command as a dropped SSH channel would: a termination signal first, which the probe
   * script answers by removing its temporary directory, then a kill for whatever is left.
   */
  private static void kill(Process process) throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(2, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
