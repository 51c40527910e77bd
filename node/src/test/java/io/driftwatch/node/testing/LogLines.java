package io.driftwatch.node.testing;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Lines of a host's logs as Debian writes them, in the host's local time, for fixture hosts: apt
 * history entries, dpkg.log lines, sudo lines of auth.log.
 */
public final class LogLines {

  private static final DateTimeFormatter APT = DateTimeFormatter.ofPattern("yyyy-MM-dd  HH:mm:ss");
  private static final DateTimeFormatter DPKG = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter SYSLOG =
      DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);

  private LogLines() {}

  /**
   * One apt history entry, in UTC.
   *
   * @param list the package list field, e.g. "Upgrade"
   * @param packages its value, e.g. "libc6:amd64 (2.36-9, 2.36-10)"
   */
  public static String aptEntry(
      Instant start,
      Instant end,
      String commandline,
      String requestedBy,
      String list,
      String packages) {
    return aptEntry(start, end, commandline, requestedBy, list, packages, ZoneOffset.UTC);
  }

  public static String aptEntry(
      Instant start,
      Instant end,
      String commandline,
      String requestedBy,
      String list,
      String packages,
      ZoneId zone) {
    return "\nStart-Date: "
        + APT.format(start.atZone(zone))
        + "\nCommandline: "
        + commandline
        + (requestedBy == null ? "" : "\nRequested-By: " + requestedBy + " (1000)")
        + "\n"
        + list
        + ": "
        + packages
        + "\nEnd-Date: "
        + APT.format(end.atZone(zone))
        + "\n";
  }

  /** A dpkg.log line in UTC, e.g. {@code dpkg(t, "upgrade libc6:amd64 2.36-9 2.36-10")}. */
  public static String dpkg(Instant at, String rest) {
    return dpkg(at, rest, ZoneOffset.UTC);
  }

  public static String dpkg(Instant at, String rest, ZoneId zone) {
    return DPKG.format(at.atZone(zone)) + " " + rest + "\n";
  }

  /** A traditional auth.log sudo line in UTC: {@code user} ran {@code command} as root. */
  public static String sudo(Instant at, String host, String user, String command) {
    return SYSLOG.format(at.atZone(ZoneOffset.UTC))
        + " "
        + host
        + " sudo:    "
        + user
        + " : TTY=pts/0 ; PWD=/home/"
        + user
        + " ; USER=root ; COMMAND="
        + command
        + "\n";
  }
}
