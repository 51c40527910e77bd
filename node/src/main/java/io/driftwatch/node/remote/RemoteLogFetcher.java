package io.driftwatch.node.remote;

import io.driftwatch.node.context.HostLogReader;
import io.driftwatch.node.context.LogFetcher;
import io.driftwatch.node.context.LogSource;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.Transport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The logs of an ssh host, fetched with one more run over the same {@link RemoteShell} connection
 * as its probe. The command is a constant: the log paths are Driftwatch's own, and only the root,
 * the tail size and whether to use sudo travel, on stdin, read with {@code read -r} and used only
 * inside double quotes. Each file's tail comes back as a gzip member ({@link LogAnswer}); a file
 * the probe user cannot read is skipped, except auth.log on root "/" with sudo allowed, which is
 * read through exactly {@code sudo -n /usr/bin/tail -c 262144 /var/log/auth.log} (and {@code .1}),
 * allowlisted word for word in {@code ops/sudoers.d/driftwatch}.
 */
public final class RemoteLogFetcher implements LogFetcher {

  /** The tail read through sudo: fixed, because sudoers allows only these exact words. */
  static final int SUDO_TAIL_BYTES = 262144;

  static final List<String> SUDO_PATHS = List.of("/var/log/auth.log", "/var/log/auth.log.1");

  static final String COMMAND = "sh -c '" + script() + "'";

  private final RemoteShell shell;
  private final boolean sudoByDefault;
  private final int tailBytes;
  private final Duration timeout;

  /**
   * @param tailBytes how much of each log's end is read (the sudo read is always {@value
   *     #SUDO_TAIL_BYTES})
   */
  public RemoteLogFetcher(
      RemoteShell shell, boolean sudoByDefault, int tailBytes, Duration timeout) {
    this.shell = shell;
    this.sudoByDefault = sudoByDefault;
    this.tailBytes = tailBytes;
    this.timeout = timeout;
  }

  @Override
  public CompletionStage<LogSource> fetch(HostSpec host) {
    if (host.transport() != Transport.SSH || host.root().contains("\n")) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("no logs to fetch over ssh for " + host.name()));
    }
    boolean sudo = host.ssh().sudo() != null ? host.ssh().sudo() : sudoByDefault;
    byte[] stdin =
        (host.root() + "\n" + tailBytes + "\n" + (sudo ? 1 : 0) + "\n")
            .getBytes(StandardCharsets.UTF_8);
    long files = 1 + 2L * HostLogReader.LOGS.size();
    long maxOutput = files * (Math.max(tailBytes, SUDO_TAIL_BYTES) + 4096L) + 4096;
    return shell
        .run(host, COMMAND, stdin, maxOutput, timeout)
        .thenApply(
            result -> LogAnswer.parse(result.stdout(), Math.max(tailBytes, SUDO_TAIL_BYTES)));
  }

  /**
   * The shell text: for each file, "F PATH SIZE" and the gzip of its tail, or, for the sudo read,
   * "F PATH ?"; then "L TARGET" for the /etc/localtime link and "Z". No single quote in it. Under a
   * root other than "/", a log that is a symbolic link is skipped: it could point out of the root.
   */
  private static String script() {
    List<String> paths = new ArrayList<>();
    paths.add(HostLogReader.TIMEZONE);
    for (String log : HostLogReader.LOGS) {
      paths.add(log);
      paths.add(log + ".1");
    }
    String sudoCases = String.join("|", SUDO_PATHS);
    return "IFS= read -r r || exit 3; IFS= read -r n || exit 3; IFS= read -r s || exit 3; "
        + "case $r in /) r= ;; /*) ;; *) exit 3 ;; esac; "
        + "case $n in \"\"|*[!0-9]*) exit 3 ;; esac; "
        + "echo DWL1; "
        + "for f in "
        + String.join(" ", paths)
        + "; do p=\"$r$f\"; [ -f \"$p\" ] || continue; [ -n \"$r\" ] && [ -L \"$p\" ] && continue; "
        + "if [ -r \"$p\" ]; then echo \"F $f $(wc -c < \"$p\")\"; tail -c \"$n\" \"$p\" | gzip -c; "
        + "elif [ \"$s\" = 1 ] && [ -z \"$r\" ]; then case $f in "
        + sudoCases
        + ") echo \"F $f ?\"; sudo -n /usr/bin/tail -c "
        + SUDO_TAIL_BYTES
        + " $f 2>/dev/null | gzip -c ;; esac; fi; done; "
        + "l=$(readlink \"$r/etc/localtime\" 2>/dev/null) && echo \"L $l\"; echo Z";
  }
}
