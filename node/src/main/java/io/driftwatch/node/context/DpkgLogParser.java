package io.driftwatch.node.context;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses {@code /var/log/dpkg.log}: {@code 2026-11-28 10:00:03 upgrade libc6:amd64 OLD NEW}
 * (install, upgrade, remove, purge, configure; {@code <none>} for no version) and {@code 2026-11-28
 * 10:00:03 status installed libc6:amd64 VERSION}. Times are the host's local time. Other lines
 * (startup, conffile, trigproc) and malformed ones are skipped.
 */
public final class DpkgLogParser {

  static final String SOURCE = "dpkg-log";

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
  private static final Set<String> OPERATIONS =
      Set.of("install", "upgrade", "remove", "purge", "configure");

  private DpkgLogParser() {}

  public static List<PackageRecord> parse(byte[] log, boolean cut, ZoneId zone) {
    List<PackageRecord> records = new ArrayList<>();
    for (String line : LogText.lines(log, cut)) {
      String[] f = line.strip().split(" +");
      if (f.length < 5) {
        continue;
      }
      Instant at;
      try {
        at = LocalDateTime.parse(f[0] + " " + f[1], TIME).atZone(zone).toInstant();
      } catch (DateTimeParseException e) {
        continue;
      }
      if (OPERATIONS.contains(f[2]) && f.length == 6) {
        String[] pkg = packageAndArch(f[3]);
        if (pkg[0] == null) {
          continue;
        }
        records.add(
            new PackageRecord(SOURCE, at, pkg[0], pkg[1], f[2], version(f[4]), version(f[5])));
      } else if (f[2].equals("status") && f.length == 6) {
        String[] pkg = packageAndArch(f[4]);
        if (pkg[0] == null) {
          continue;
        }
        records.add(
            new PackageRecord(
                SOURCE, at, pkg[0], pkg[1], "status " + LogText.field(f[3]), null, version(f[5])));
      }
    }
    return records;
  }

  private static String[] packageAndArch(String word) {
    int colon = word.indexOf(':');
    return colon < 0
        ? new String[] {LogText.field(word), null}
        : new String[] {
          LogText.field(word.substring(0, colon)), LogText.field(word.substring(colon + 1))
        };
  }

  private static String version(String word) {
    return word.equals("<none>") ? null : LogText.field(word);
  }
}
