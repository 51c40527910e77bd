package io.driftwatch.node.collect.source;

import io.driftwatch.node.collect.CommandRunner;
import io.driftwatch.node.collect.FactSource;
import io.driftwatch.node.collect.FileInfo;
import io.driftwatch.node.collect.HostContext;
import io.driftwatch.node.collect.HostFiles;
import io.driftwatch.node.collect.Input;
import io.driftwatch.node.collect.SourceResult;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * systemd services as {@code service:NAME.service}. On the node's own machine systemctl gives
 * {@code ACTIVE ENABLEMENT} (e.g. {@code active enabled}); elsewhere, or where systemd is not
 * running, the unit links under /etc/systemd/system give {@code enabled} or {@code masked}.
 */
public final class ServicesSource implements FactSource {

  static final String SYSTEM_DIR = "/etc/systemd/system";
  static final List<String> LIST_UNIT_FILES =
      List.of(
          "systemctl", "list-unit-files", "--type=service", "--no-legend", "--no-pager", "--plain");

  /**
   * Everything {@code systemctl list-unit-files} reads for services: systemd's unit search path for
   * the system manager (what {@code systemd-analyze unit-paths} prints: runtime units, {@code mask
   * --runtime} and {@code enable --runtime} links in /run, transient and generated units, portable
   * attachments, {@code set-property} drop-ins; /usr before its /lib twin) and the preset
   * directories, whose presets fill its last column. A service's state comes from its own file's
   * [Install] section (an empty file is masked) and from links to it under any name, so the guard
   * watches every {@code *.service} entry and drop-in, every preset and every link, following links
   * to watch what they point to. Not the directories themselves: /run/systemd/transient changes
   * with every login session's scope.
   */
  /** Exists exactly when systemd is the init system, as sd_booted(3) tests. */
  static final String SYSTEMD_RUNNING = "/run/systemd/system";

  static final Input.Guard UNIT_FILES_GUARD =
      new Input.Guard(
          List.of(
              "/etc/systemd/system.control",
              "/run/systemd/system.control",
              "/run/systemd/transient",
              "/run/systemd/generator.early",
              "/etc/systemd/system",
              "/etc/systemd/system.attached",
              "/run/systemd/system",
              "/run/systemd/system.attached",
              "/run/systemd/generator",
              "/usr/local/lib/systemd/system",
              "/usr/lib/systemd/system",
              "/lib/systemd/system",
              "/run/systemd/generator.late",
              "/etc/systemd/system-preset",
              "/run/systemd/system-preset",
              "/usr/local/lib/systemd/system-preset",
              "/usr/lib/systemd/system-preset",
              "/lib/systemd/system-preset"),
          List.of("*.service", "*.service.d/*", "*.preset"),
          // Without a running systemd list-units fails and the unit files would go unused; on a
          // container that costs systemctl a scan of every unit directory for nothing.
          SYSTEMD_RUNNING);

  static final List<String> LIST_UNITS =
      List.of(
          "systemctl",
          "list-units",
          "--type=service",
          "--all",
          "--no-legend",
          "--no-pager",
          "--plain");

  private static final String CATEGORY = "service";
  private static final String SUFFIX = ".service";

  @Override
  public String name() {
    return "services";
  }

  @Override
  public Set<String> categories() {
    return Set.of(CATEGORY);
  }

  @Override
  public List<Input> inputs() {
    // Active states change without any file changing (a service crashes): never guarded.
    return List.of(
        Input.listing(SYSTEM_DIR, 2),
        Input.command(LIST_UNIT_FILES, UNIT_FILES_GUARD),
        Input.command(LIST_UNITS));
  }

  @Override
  public SourceResult collect(HostContext host) throws IOException {
    Map<String, String> links = unitLinks(host.files());
    if (host.commands().isEmpty()) {
      return fromLinks(links);
    }
    CommandRunner commands = host.commands().get();
    String failure;
    try {
      // Active states first: without a running systemd they fail at once, and the unit files,
      // expensive to list, are never asked for.
      Optional<String> units = commands.run(LIST_UNITS);
      Optional<String> unitFiles = units.isPresent() ? commands.run(LIST_UNIT_FILES) : units;
      if (unitFiles.isPresent() && units.isPresent()) {
        return parseSystemctl(unitFiles.get(), units.get(), links);
      }
      failure = "systemctl is not installed";
    } catch (IOException e) {
      // Containers: "System has not been booted with systemd as init system".
      // The runner's message already quotes what the command printed.
      failure = String.valueOf(e.getMessage());
    }
    SourceFacts facts = new SourceFacts();
    facts.addAll(fromLinks(links));
    facts.problem(failure + "; services read from " + SYSTEM_DIR + " (enablement only)");
    return facts.result();
  }

  /**
   * The services enabled or masked by links under /etc/systemd/system: {@code enabled} for every
   * {@code .service} entry of a {@code *.wants} directory, {@code masked} for a unit linked to
   * /dev/null (which wins).
   */
  static Map<String, String> unitLinks(HostFiles files) throws IOException {
    Map<String, String> links = new TreeMap<>();
    for (String entry : files.list(SYSTEM_DIR)) {
      String path = SYSTEM_DIR + "/" + entry;
      if (entry.endsWith(".wants")) {
        for (String unit : files.list(path)) {
          if (unit.endsWith(SUFFIX)) {
            links.putIfAbsent(unit, "enabled");
          }
        }
      } else if (entry.endsWith(SUFFIX)) {
        Optional<FileInfo> info = files.stat(path);
        if (info.isPresent() && "/dev/null".equals(info.get().linkTarget())) {
          links.put(entry, "masked");
        }
      }
    }
    return links;
  }

  /** Facts from the unit links alone, where systemctl cannot be asked. */
  public static SourceResult fromLinks(Map<String, String> links) {
    SourceFacts facts = new SourceFacts();
    links.forEach((unit, state) -> facts.put(CATEGORY, unit, state));
    return facts.result();
  }

  /**
   * Combines {@code systemctl list-unit-files} (every installed unit and its enablement) with
   * {@code systemctl list-units --all} (the active state of loaded units). Instances such as
   * getty@tty1.service have no unit file of their own; those enabled through a link are added. A
   * unit that is not loaded is inactive. Other instances are left out: they come and go with logins
   * and sockets (user@1000.service).
   *
   * @param links the output of {@link #unitLinks}
   */
  public static SourceResult parseSystemctl(
      String listUnitFiles, String listUnits, Map<String, String> links) {
    SourceFacts facts = new SourceFacts();
    Map<String, String> enablement = new TreeMap<>();
    int badLines = 0;
    for (String line : SourceText.of(listUnitFiles).lines()) {
      String[] f = fields(line);
      if (f.length == 0) {
        continue;
      }
      if (f.length < 2 || !f[0].endsWith(SUFFIX)) {
        badLines++;
        continue;
      }
      enablement.put(f[0], f[1]);
    }
    Map<String, String> active = new TreeMap<>();
    for (String line : SourceText.of(listUnits).lines()) {
      String[] f = fields(line);
      if (f.length == 0) {
        continue;
      }
      if (f.length < 4 || !f[0].endsWith(SUFFIX)) {
        badLines++;
        continue;
      }
      active.put(f[0], f[2]);
    }
    if (enablement.isEmpty() || active.isEmpty()) {
      // A running systemd always has service units (journald at least): this output is broken.
      facts.cutShort("systemctl listed no services; kept the last known values");
      return facts.result();
    }
    links.forEach(enablement::putIfAbsent);
    enablement.forEach(
        (unit, state) ->
            facts.put(CATEGORY, unit, active.getOrDefault(unit, "inactive") + " " + state));
    if (badLines > 0) {
      facts.problem("skipped " + badLines + " unreadable lines of systemctl output");
    }
    return facts.result();
  }

  /** The columns of one systemctl line, without the status bullet some versions print. */
  private static String[] fields(String line) {
    String trimmed = line.strip();
    if (trimmed.startsWith("●") || trimmed.startsWith("*")) {
      trimmed = trimmed.substring(1).strip();
    }
    return trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
  }
}
