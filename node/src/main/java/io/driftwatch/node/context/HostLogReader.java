package io.driftwatch.node.context;

import io.driftwatch.node.fact.ChangeContext.Login;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads and parses the logs a change context is made of, from any {@link LogSource}: the host's
 * zone, then per log the tail of the current file and, when the window reaches back before that
 * tail's first entry, the tail of the rotated {@code .1} file too (never older ones). A log that is
 * missing, unreadable or garbage contributes nothing and a problem line; nothing here throws.
 */
public final class HostLogReader {

  public static final String TIMEZONE = "/etc/timezone";
  public static final String LOCALTIME = "/etc/localtime";
  public static final String APT_HISTORY = "/var/log/apt/history.log";
  public static final String DPKG_LOG = "/var/log/dpkg.log";
  public static final String DNF_RPM_LOG = "/var/log/dnf.rpm.log";
  public static final String YUM_LOG = "/var/log/yum.log";
  public static final String AUTH_LOG = "/var/log/auth.log";
  public static final String WTMP = "/var/log/wtmp";

  /** The logs read, each also as its rotated {@code .1}. */
  public static final List<String> LOGS =
      List.of(APT_HISTORY, DPKG_LOG, DNF_RPM_LOG, YUM_LOG, AUTH_LOG, WTMP);

  private final LogSource source;
  private final int tailBytes;
  private final List<String> problems = new ArrayList<>();

  private HostLogReader(LogSource source, int tailBytes) {
    this.source = source;
    this.tailBytes = tailBytes;
  }

  /**
   * @param from the earliest instant a record must reach back to (window start minus slack)
   * @param to the end of the window, which also gives year-less time stamps their year
   */
  public static HostLogs read(LogSource source, int tailBytes, Instant from, Instant to) {
    return new HostLogReader(source, tailBytes).read(from, to);
  }

  private HostLogs read(Instant from, Instant to) {
    ZoneId zone =
        HostZone.of(
            tail(TIMEZONE).map(LogSource.Tail::bytes).orElse(null), link(LOCALTIME).orElse(null));
    List<AptTransaction> apt =
        both(
            APT_HISTORY,
            from,
            t -> AptHistoryParser.parse(t.bytes(), t.cut(), zone),
            AptTransaction::start);
    List<PackageRecord> packages = new ArrayList<>();
    packages.addAll(
        both(
            DPKG_LOG, from, t -> DpkgLogParser.parse(t.bytes(), t.cut(), zone), PackageRecord::at));
    packages.addAll(
        both(DNF_RPM_LOG, from, t -> RpmLogParser.parseDnf(t.bytes(), t.cut()), PackageRecord::at));
    packages.addAll(
        both(
            YUM_LOG,
            from,
            t -> RpmLogParser.parseYum(t.bytes(), t.cut(), zone, to),
            PackageRecord::at));
    List<SudoCommand> sudo =
        both(
            AUTH_LOG,
            from,
            t -> AuthLogParser.parse(t.bytes(), t.cut(), zone, to),
            SudoCommand::at);
    List<Login> logins = both(WTMP, from, t -> WtmpParser.parse(t.bytes()), Login::start);
    return new HostLogs(apt, packages, sudo, logins, problems);
  }

  /**
   * The entries of a log's rotated file (only when needed) followed by those of the current one.
   */
  private <T> List<T> both(
      String path, Instant from, Function<LogSource.Tail, List<T>> parse, Function<T, Instant> at) {
    Optional<LogSource.Tail> current = tail(path);
    List<T> entries = current.map(t -> parsed(path, t, parse)).orElse(List.of());
    Instant first = entries.stream().map(at).min(Instant::compareTo).orElse(null);
    boolean reachesBack = first == null || from == null || from.isBefore(first);
    if (!reachesBack) {
      return entries;
    }
    String rotated = path + ".1";
    List<T> older = tail(rotated).map(t -> parsed(rotated, t, parse)).orElse(List.of());
    if (older.isEmpty()) {
      return entries;
    }
    List<T> all = new ArrayList<>(older);
    all.addAll(entries);
    return all;
  }

  private <T> List<T> parsed(
      String path, LogSource.Tail tail, Function<LogSource.Tail, List<T>> parse) {
    try {
      return parse.apply(tail);
    } catch (RuntimeException e) {
      // A parser is written not to throw; if one does on some input, that log says nothing.
      problems.add(path + ": " + e.getClass().getSimpleName());
      return List.of();
    }
  }

  private Optional<LogSource.Tail> tail(String path) {
    try {
      return source.tail(path, tailBytes);
    } catch (IOException | RuntimeException e) {
      problems.add(path + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  private Optional<String> link(String path) {
    try {
      return source.linkTarget(path);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
