package io.driftwatch.node.context;

import io.driftwatch.node.fact.ChangeContext;
import io.driftwatch.node.fact.ChangeContext.HostRecord;
import io.driftwatch.node.fact.ChangeContext.Login;
import io.driftwatch.node.fact.ChangeEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Gives each change of a probe what the host's parsed logs say about it. Pure. Only records inside
 * the change's window, widened by the slack on both sides, count:
 *
 * <ul>
 *   <li>{@code package:NAME} / {@code package:NAME:ARCH}: the package manager's line for that
 *       package (dpkg.log, dnf.rpm.log, yum.log) gives the exact time; the apt history entry that
 *       lists it gives the actor ({@code Requested-By}) and its command line; failing that, a sudo
 *       command naming the package gives the actor.
 *   <li>{@code file:PATH}: a sudo command naming the path gives the actor and the time.
 *   <li>every change: the other sudo commands in the window and the logins overlapping it, as
 *       weaker records that name no actor for the change.
 * </ul>
 *
 * Nothing names an actor that no record names; each list is capped.
 */
public final class ContextAttribution {

  private static final String PACKAGE = "package:";
  private static final String FILE = "file:";

  private final HostLogs logs;
  private final Duration slack;
  private final int cap;

  private ContextAttribution(HostLogs logs, Duration slack, int cap) {
    this.logs = logs;
    this.slack = slack;
    this.cap = cap;
  }

  /** The changes, each with its context (unchanged when the logs say nothing about it). */
  public static List<ChangeEvent> attribute(
      List<ChangeEvent> changes, HostLogs logs, Duration slack, int cap) {
    ContextAttribution attribution = new ContextAttribution(logs, slack, cap);
    return changes.stream().map(c -> c.withContext(attribution.contextOf(c))).toList();
  }

  ChangeContext contextOf(ChangeEvent change) {
    Window window =
        new Window(
            change.windowFrom() == null ? null : change.windowFrom().minus(slack),
            change.detectedAt().plus(slack));
    List<HostRecord> strong = new ArrayList<>();
    Instant at = null;
    String actor = null;
    List<SudoCommand> naming = List.of();
    if (change.key().startsWith(PACKAGE)) {
      String[] nameArch = change.key().substring(PACKAGE.length()).split(":", 2);
      String name = nameArch[0];
      String arch = nameArch.length > 1 ? nameArch[1] : null;
      Optional<AptTransaction> apt = aptEntry(name, arch, window);
      Optional<PackageRecord> line = packageLine(name, arch, change.newValue(), window);
      if (apt.isPresent()) {
        AptTransaction t = apt.get();
        actor = t.requestedBy();
        PackageRecord listed =
            t.packages().stream().filter(p -> p.isAbout(name, arch)).findFirst().orElseThrow();
        strong.add(
            new HostRecord(
                AptHistoryParser.SOURCE,
                t.end() != null ? t.end() : t.start(),
                t.requestedBy(),
                listed.action(),
                t.commandline()));
      }
      if (line.isPresent()) {
        PackageRecord r = line.get();
        at = r.at();
        strong.add(new HostRecord(r.source(), r.at(), null, r.action(), packageDetail(r)));
      }
      naming = sudoNaming(name, window);
    } else if (change.key().startsWith(FILE)) {
      naming = sudoNaming(change.key().substring(FILE.length()), window);
      if (!naming.isEmpty()) {
        at = naming.get(naming.size() - 1).at();
      }
    }
    if (actor == null && !naming.isEmpty()) {
      actor = naming.get(naming.size() - 1).user();
    }
    // The naming commands, newest first, then the window's other sudo commands.
    List<HostRecord> records = new ArrayList<>(strong);
    List<SudoCommand> others = new ArrayList<>();
    for (SudoCommand s : logs.sudo()) {
      if (window.contains(s.at()) && !s.denied() && !naming.contains(s)) {
        others.add(s);
      }
    }
    for (int i = naming.size() - 1; i >= 0; i--) {
      records.add(sudoRecord(naming.get(i)));
    }
    for (int i = others.size() - 1; i >= 0; i--) {
      records.add(sudoRecord(others.get(i)));
    }
    List<Login> logins =
        logs.logins().stream()
            .filter(l -> l.overlaps(window.from(), window.to()))
            .sorted(Comparator.comparing(Login::start).reversed())
            .limit(cap)
            .toList();
    return new ChangeContext(at, actor, records.subList(0, Math.min(cap, records.size())), logins);
  }

  /** The newest apt run in the window that lists the package. */
  private Optional<AptTransaction> aptEntry(String name, String arch, Window window) {
    AptTransaction found = null;
    for (AptTransaction t : logs.apt()) {
      Instant end = t.end() != null ? t.end() : t.start();
      boolean inWindow = window.contains(end) || window.contains(t.start());
      if (inWindow && t.packages().stream().anyMatch(p -> p.isAbout(name, arch))) {
        found = t;
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * The package manager's line for the package in the window: an operation before a status line,
   * one that ends at the version now found before one that does not, the latest of equals.
   */
  private Optional<PackageRecord> packageLine(
      String name, String arch, String newValue, Window window) {
    String version = newValue == null ? null : newValue.split(" ", 2)[0];
    return logs.packages().stream()
        .filter(r -> r.isAbout(name, arch) && window.contains(r.at()))
        .max(
            Comparator.comparing((PackageRecord r) -> !r.isStatus())
                .thenComparing(r -> version != null && version.equals(r.newVersion()))
                .thenComparing(PackageRecord::at));
  }

  /** Sudo commands in the window whose command line names {@code word}, oldest first. */
  private List<SudoCommand> sudoNaming(String word, Window window) {
    return logs.sudo().stream()
        .filter(s -> !s.denied() && window.contains(s.at()) && s.names(word))
        .toList();
  }

  private static HostRecord sudoRecord(SudoCommand s) {
    String detail =
        s.runAs() == null || s.runAs().equals("root")
            ? s.command()
            : LogText.field(s.command() + " (as " + s.runAs() + ")");
    return new HostRecord(AuthLogParser.SOURCE, s.at(), s.user(), "sudo", detail);
  }

  private static String packageDetail(PackageRecord r) {
    String versions = r.versions();
    String pkg = r.arch() == null ? r.name() : r.name() + ":" + r.arch();
    return LogText.field(r.action() + " " + pkg + (versions == null ? "" : " " + versions));
  }

  /** (from, to]; an open start when the change has no window start. */
  private record Window(Instant from, Instant to) {
    boolean contains(Instant t) {
      return t != null && !t.isAfter(to) && (from == null || t.isAfter(from));
    }
  }
}
