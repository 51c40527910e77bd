package io.driftwatch.node.collect.source;

import io.driftwatch.node.collect.FactSource;
import io.driftwatch.node.collect.FileInfo;
import io.driftwatch.node.collect.HostContext;
import io.driftwatch.node.collect.Input;
import io.driftwatch.node.collect.SourceResult;
import io.driftwatch.node.collect.source.PackageKeys.Installed;
import io.driftwatch.node.fact.Text;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Installed packages as {@code package:NAME} = version: from dpkg's status file (read, never
 * executed), and from the rpm database on the node's own machine. A package in an unfinished dpkg
 * state has the state appended ({@code 2.36-9 half-configured}), a held one {@code hold}.
 */
public final class PackagesSource implements FactSource {

  static final String DPKG_STATUS = "/var/lib/dpkg/status";
  static final List<String> RPM_DATABASES = List.of("/var/lib/rpm", "/usr/lib/sysimage/rpm");

  /** rpm expands the \t and \n escapes of a query format itself; no shell is involved. */
  static final List<String> RPM_QUERY =
      List.of("rpm", "-qa", "--qf", "%{NAME}\\t%{EPOCHNUM}\\t%{VERSION}\\t%{RELEASE}\\t%{ARCH}\\n");

  /**
   * The files of the rpm database that every install, erase, key import or rebuild rewrites: the
   * header store of each backend (BerkeleyDB Packages, ndb Packages.db, SQLite rpmdb.sqlite and its
   * write-ahead log), which is all {@code rpm -qa} reads. Not the index files derived from it, nor
   * what merely reading the database touches: BerkeleyDB's __db.* environment, SQLite's -shm index,
   * lock files.
   */
  static final Input.Guard RPM_GUARD =
      new Input.Guard(
          RPM_DATABASES,
          List.of("*/Packages", "*/Packages.db", "*/rpmdb.sqlite", "*/rpmdb.sqlite-wal"));

  private static final String CATEGORY = "package";

  /** dpkg states in which a package's files are (at least partly) on disk. */
  private static final Set<String> PRESENT_STATES =
      Set.of(
          "installed",
          "half-installed",
          "half-configured",
          "unpacked",
          "triggers-awaited",
          "triggers-pending");

  private static final Set<String> ABSENT_STATES = Set.of("not-installed", "config-files");
  private static final Set<String> WANTS =
      Set.of("unknown", "install", "hold", "deinstall", "purge");
  private static final Pattern PACKAGE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9+._-]*");
  private static final Pattern ARCH = Pattern.compile("[A-Za-z0-9_()-]+");

  @Override
  public String name() {
    return "packages";
  }

  @Override
  public Set<String> categories() {
    return Set.of(CATEGORY);
  }

  @Override
  public List<Input> inputs() {
    List<Input> inputs = new ArrayList<>();
    inputs.add(Input.file(DPKG_STATUS));
    RPM_DATABASES.forEach(dir -> inputs.add(Input.stat(dir)));
    inputs.add(Input.command(RPM_QUERY, RPM_GUARD));
    return List.copyOf(inputs);
  }

  @Override
  public SourceResult collect(HostContext host) throws IOException {
    SourceFacts facts = new SourceFacts();
    Optional<String> status = host.files().read(DPKG_STATUS);
    status.ifPresent(text -> facts.addAll(parseDpkgStatus(text)));
    if (host.commands().isPresent() && hasRpmDatabase(host)) {
      // A failing rpm propagates: the collector then keeps the last known packages.
      Optional<String> output = host.commands().get().run(RPM_QUERY);
      if (output.isEmpty()) {
        facts.problem("an rpm database exists but rpm is not installed; rpm packages not read");
      } else {
        SourceResult rpm = parseRpm(output.get());
        // Debian hosts may carry an (empty) rpm database for alien; dpkg is authoritative there.
        rpm.facts().keySet().stream()
            .filter(facts::has)
            .findFirst()
            .ifPresent(key -> facts.problem("rpm also lists " + key + "; kept dpkg's version"));
        facts.addAll(rpm);
      }
    }
    return facts.result();
  }

  private static boolean hasRpmDatabase(HostContext host) throws IOException {
    for (String dir : RPM_DATABASES) {
      Optional<FileInfo> info = host.files().stat(dir);
      if (info.isPresent() && info.get().isDirectory()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Parses dpkg's status file: stanzas separated by blank lines, continuation lines starting with a
   * blank. dpkg rewrites the file whole and always ends it with a newline, so a file ending
   * mid-line, or a stanza without Package, Status or (for an installed package) Version, means the
   * file was cut short or is corrupt: the result is then incomplete.
   */
  public static SourceResult parseDpkgStatus(String text) {
    SourceFacts facts = new SourceFacts();
    SourceText source = SourceText.of(text);
    if (source.isBlank()) {
      facts.cutShort(DPKG_STATUS + " is empty (dpkg itself is always listed)");
      return facts.result();
    }
    if (!source.endsWithNewline()) {
      facts.cutShort(DPKG_STATUS + " ends mid-line (cut short)");
    }
    List<Installed> installed = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Map<String, String> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    int stanza = 0;
    int badLines = 0;
    int firstBadLine = 0;
    String field = null;
    List<String> lines = new ArrayList<>(source.wholeLines());
    lines.add(""); // closes the last stanza
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        if (!fields.isEmpty()) {
          stanza++;
          // The last stanza of a cut file is short by the cut, already reported above.
          boolean cutStanza = i == lines.size() - 1 && !source.endsWithNewline();
          dpkgStanza(cutStanza ? new SourceFacts() : facts, stanza, fields, installed, seen);
          fields.clear();
        }
        field = null;
        continue;
      }
      if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        if (field == null) {
          badLines++;
          firstBadLine = firstBadLine == 0 ? i + 1 : firstBadLine;
        }
        continue; // continuations only belong to multi-line fields, none of which we use
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        badLines++;
        firstBadLine = firstBadLine == 0 ? i + 1 : firstBadLine;
        field = null;
        continue;
      }
      field = line.substring(0, colon).strip();
      fields.putIfAbsent(field, line.substring(colon + 1).strip());
    }
    if (badLines > 0) {
      facts.problem(
          DPKG_STATUS + ": skipped " + badLines + " malformed lines, first line " + firstBadLine);
    }
    String nativeArch = PackageKeys.nativeArch(installed, "dpkg", Set.of("all"));
    PackageKeys.keys(installed, nativeArch)
        .forEach((name, value) -> facts.put(CATEGORY, name, value));
    return facts.result();
  }

  private static void dpkgStanza(
      SourceFacts facts,
      int stanza,
      Map<String, String> fields,
      List<Installed> installed,
      Set<String> seen) {
    String name = fields.get("Package");
    String label =
        "stanza "
            + stanza
            + (name == null ? "" : " (" + Text.quote(name) + ")")
            + " of "
            + DPKG_STATUS;
    if (name == null || !PACKAGE_NAME.matcher(name).matches()) {
      facts.cutShort(label + " has no valid Package field");
      return;
    }
    String[] status = fields.getOrDefault("Status", "").split("\\s+");
    if (status.length != 3 || !WANTS.contains(status[0])) {
      facts.cutShort(label + " has no valid Status field");
      return;
    }
    String want = status[0];
    String state = status[2];
    if (ABSENT_STATES.contains(state)) {
      return;
    }
    if (!PRESENT_STATES.contains(state)) {
      facts.cutShort(label + " has an unknown package state " + Text.quote(state));
      return;
    }
    String version = fields.get("Version");
    if (version == null || version.isEmpty()) {
      facts.cutShort(label + " has no Version field");
      return;
    }
    String arch = fields.getOrDefault("Architecture", "");
    if (!arch.isEmpty() && !ARCH.matcher(arch).matches()) {
      facts.problem(label + " has an invalid Architecture, skipped");
      return;
    }
    if (!seen.add(name + ":" + arch)) {
      facts.problem(label + " repeats an installed package, skipped");
      return;
    }
    StringBuilder value = new StringBuilder(version);
    if (!state.equals("installed")) {
      value.append(' ').append(state);
    }
    if (want.equals("hold")) {
      value.append(" hold");
    }
    installed.add(new Installed(name, arch, value.toString()));
  }

  /**
   * Parses {@link #RPM_QUERY} output: NAME, EPOCHNUM, VERSION, RELEASE and ARCH separated by tabs,
   * one package per line. The value is {@code EPOCH:VERSION-RELEASE}, the epoch omitted when 0.
   * Several versions of one name and architecture (kernels, gpg-pubkey) are listed together,
   * sorted.
   */
  public static SourceResult parseRpm(String output) {
    SourceFacts facts = new SourceFacts();
    Map<String, TreeSet<String>> versions = new TreeMap<>();
    int badLines = 0;
    for (String line : SourceText.of(output).lines()) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t", -1);
      if (f.length != 5
          || !PACKAGE_NAME.matcher(f[0]).matches()
          || !ARCH.matcher(f[4]).matches()
          || f[2].isBlank()) {
        badLines++;
        continue;
      }
      String epoch = f[1].strip();
      String version =
          (epoch.isEmpty() || epoch.equals("0") || epoch.equals("(none)") ? "" : epoch + ":")
              + f[2].strip()
              + (f[3].isBlank() || f[3].equals("(none)") ? "" : "-" + f[3].strip());
      versions.computeIfAbsent(f[0] + "\t" + f[4], k -> new TreeSet<>()).add(version);
    }
    List<Installed> installed = new ArrayList<>();
    versions.forEach(
        (nameAndArch, set) -> {
          String[] parts = nameAndArch.split("\t");
          installed.add(new Installed(parts[0], parts[1], String.join(" ", set)));
        });
    String nativeArch = PackageKeys.nativeArch(installed, "rpm", Set.of("noarch", "(none)"));
    PackageKeys.keys(installed, nativeArch)
        .forEach((name, value) -> facts.put(CATEGORY, name, value));
    if (badLines > 0) {
      facts.problem("skipped " + badLines + " malformed lines of rpm output");
    }
    return facts.result();
  }
}
