package io.driftwatch.node.context;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses the rpm transaction logs of dnf ({@code /var/log/dnf.rpm.log}: {@code
 * 2026-11-28T10:00:03+0000 SUBDEBUG Upgrade: openssl-libs-1:3.0.7-25.el9.x86_64}) and yum ({@code
 * /var/log/yum.log}: {@code Nov 28 10:00:03 Updated: 1:openssl-libs-1.0.2k-26.el7_9.x86_64}, local
 * time without a year). Each line names one package as name-[epoch:]version-release.arch; yum's
 * {@code Erased:} names only the package.
 */
public final class RpmLogParser {

  static final String DNF_SOURCE = "dnf-history";
  static final String YUM_SOURCE = "yum-log";

  /** dnf's and yum's words, old and new, for what happened to a package. */
  private static final Map<String, String> ACTIONS =
      Map.ofEntries(
          Map.entry("Install", "install"),
          Map.entry("Installed", "install"),
          Map.entry("Upgrade", "upgrade"),
          Map.entry("Upgraded", "upgraded"),
          Map.entry("Updated", "upgrade"),
          Map.entry("Downgrade", "downgrade"),
          Map.entry("Downgraded", "downgraded"),
          Map.entry("Reinstall", "reinstall"),
          Map.entry("Reinstalled", "reinstall"),
          Map.entry("Erase", "remove"),
          Map.entry("Erased", "remove"),
          Map.entry("Remove", "remove"),
          Map.entry("Removed", "remove"),
          Map.entry("Obsolete", "remove"),
          Map.entry("Obsoleted", "remove"));

  private static final Pattern ARCH = Pattern.compile("[a-z0-9_]+");

  private RpmLogParser() {}

  /** dnf.rpm.log: the time stamp carries its offset. */
  public static List<PackageRecord> parseDnf(byte[] log, boolean cut) {
    List<PackageRecord> records = new ArrayList<>();
    for (String line : LogText.lines(log, cut)) {
      int space = line.indexOf(' ');
      if (space < 0) {
        continue;
      }
      Instant at = SyslogTime.offsetTime(line.substring(0, space));
      if (at != null) {
        // "SUBDEBUG Upgrade: …" or, in newer versions, "Upgrade: …" right after the time
        String rest = line.substring(space + 1).strip();
        if (rest.startsWith("SUBDEBUG ") || rest.startsWith("INFO ") || rest.startsWith("DEBUG ")) {
          rest = rest.substring(rest.indexOf(' ') + 1);
        }
        add(records, DNF_SOURCE, at, rest);
      }
    }
    return records;
  }

  /** yum.log: local time, the year inferred from {@code reference}. */
  public static List<PackageRecord> parseYum(
      byte[] log, boolean cut, ZoneId zone, Instant reference) {
    List<PackageRecord> records = new ArrayList<>();
    for (String line : LogText.lines(log, cut)) {
      SyslogTime.Stamp stamp = SyslogTime.parse(line, zone, reference);
      if (stamp != null) {
        add(records, YUM_SOURCE, stamp.at(), line.substring(stamp.rest()).strip());
      }
    }
    return records;
  }

  private static void add(List<PackageRecord> out, String source, Instant at, String rest) {
    int colon = rest.indexOf(": ");
    if (colon <= 0) {
      return;
    }
    String action = ACTIONS.get(rest.substring(0, colon));
    String nevra = rest.substring(colon + 2).strip();
    if (action == null || nevra.isEmpty() || nevra.contains(" ")) {
      return;
    }
    Package p = Package.of(nevra);
    if (p == null) {
      return;
    }
    boolean gone =
        action.equals("remove") || action.equals("upgraded") || action.equals("downgraded");
    out.add(
        new PackageRecord(
            source, at, p.name, p.arch, action, gone ? p.version : null, gone ? null : p.version));
  }

  /** A package as the logs name it: name, version (with its epoch) and architecture. */
  private record Package(String name, String version, String arch) {

    static Package of(String nevra) {
      String rest = nevra;
      String epoch = null;
      int colon = rest.indexOf(':');
      int firstDash = rest.indexOf('-');
      if (colon > 0 && (firstDash < 0 || colon < firstDash)) {
        // yum: "1:openssl-libs-1.0.2k-26.el7_9.x86_64"
        epoch = rest.substring(0, colon);
        rest = rest.substring(colon + 1);
      }
      String arch = null;
      int dot = rest.lastIndexOf('.');
      if (dot > 0 && rest.lastIndexOf('-') > 0 && dot > rest.lastIndexOf('-')) {
        String candidate = rest.substring(dot + 1);
        if (ARCH.matcher(candidate).matches()) {
          arch = candidate;
          rest = rest.substring(0, dot);
        }
      }
      int releaseDash = rest.lastIndexOf('-');
      int versionDash = releaseDash > 0 ? rest.lastIndexOf('-', releaseDash - 1) : -1;
      if (versionDash <= 0) {
        // only a name ("Erased: curl")
        return arch == null && epoch == null ? new Package(LogText.field(rest), null, null) : null;
      }
      String name = rest.substring(0, versionDash);
      String version = rest.substring(versionDash + 1);
      if (epoch != null && !version.contains(":")) {
        version = epoch + ":" + version;
      }
      if (version.startsWith("0:")) {
        version = version.substring(2);
      }
      String field = LogText.field(name);
      return field == null ? null : new Package(field, LogText.field(version), arch);
    }
  }
}
