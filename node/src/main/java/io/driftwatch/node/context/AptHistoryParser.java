package io.driftwatch.node.context;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses apt's {@code /var/log/apt/history.log}: blank-line separated entries of {@code
 * Start-Date}, {@code Commandline}, {@code Requested-By: alice (1000)}, the package lists ({@code
 * Install}, {@code Upgrade}, {@code Downgrade}, {@code Reinstall}, {@code Remove}, {@code Purge}:
 * {@code name:arch (old, new)}, comma separated) and {@code End-Date}. Times are the host's local
 * time. An entry without a valid Start-Date is skipped; unknown fields are ignored.
 */
public final class AptHistoryParser {

  static final String SOURCE = "apt-history";

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd H:mm:ss", Locale.ROOT);
  private static final Map<String, String> LISTS =
      Map.of(
          "Install", "install",
          "Upgrade", "upgrade",
          "Downgrade", "downgrade",
          "Reinstall", "reinstall",
          "Remove", "remove",
          "Purge", "purge");
  // name[:arch] (v1[, v2]) — versions never hold parentheses or commas.
  private static final Pattern PACKAGE =
      Pattern.compile(
          "([A-Za-z0-9][A-Za-z0-9+.-]*)(?::([A-Za-z0-9_-]+))? \\(([^(),]+(?:, [^(),]+)?)\\)");
  // Entries are separated by the comma after each closing parenthesis.
  private static final Pattern ENTRY_END = Pattern.compile("(?<=\\)),\\s*");
  private static final Pattern REQUESTER = Pattern.compile("([^\\s()]+)(?: \\(\\d+\\))?");

  private AptHistoryParser() {}

  /**
   * @param cut whether the bytes are only the tail of the file (the first entry may be partial)
   */
  public static List<AptTransaction> parse(byte[] log, boolean cut, ZoneId zone) {
    List<AptTransaction> entries = new ArrayList<>();
    Entry entry = null;
    for (String line : LogText.lines(log, cut)) {
      int colon = line.indexOf(": ");
      String field = colon > 0 ? line.substring(0, colon) : "";
      String value = colon > 0 ? line.substring(colon + 2).strip() : "";
      if (field.equals("Start-Date")) {
        finish(entry, entries);
        entry = new Entry(time(value, zone));
        continue;
      }
      if (entry == null || entry.start == null) {
        continue; // before the first entry of a tail, or inside an entry with a bad date
      }
      switch (field) {
        case "End-Date" -> {
          entry.end = time(value, zone);
          finish(entry, entries);
          entry = null;
        }
        case "Commandline" -> entry.commandline = LogText.field(value);
        case "Requested-By" -> {
          Matcher m = REQUESTER.matcher(value);
          entry.requestedBy = m.matches() ? LogText.field(m.group(1)) : null;
        }
        default -> {
          String action = LISTS.get(field);
          if (action != null) {
            entry.lists.add(new String[] {action, value});
          }
        }
      }
    }
    finish(entry, entries);
    return entries;
  }

  private static void finish(Entry entry, List<AptTransaction> out) {
    if (entry == null || entry.start == null) {
      return;
    }
    Instant at = entry.end != null ? entry.end : entry.start;
    List<PackageRecord> packages = new ArrayList<>();
    for (String[] list : entry.lists) {
      for (String item : ENTRY_END.split(list[1])) {
        Matcher m = PACKAGE.matcher(item.strip());
        if (!m.matches()) {
          continue; // a damaged entry; the others of the list still count
        }
        String[] versions = m.group(3).split(",\\s*");
        String first = versions[0].strip();
        String second = versions.length > 1 ? versions[1].strip() : null;
        String oldVersion;
        String newVersion;
        switch (list[0]) {
          case "upgrade", "downgrade" -> {
            oldVersion = first;
            newVersion = second;
          }
          case "remove", "purge" -> {
            oldVersion = first;
            newVersion = null;
          }
          default -> { // install, reinstall: "(1.2, automatic)"
            oldVersion = null;
            newVersion = first;
          }
        }
        packages.add(
            new PackageRecord(
                SOURCE,
                at,
                m.group(1),
                m.group(2),
                list[0],
                LogText.field(oldVersion),
                LogText.field(newVersion)));
      }
    }
    out.add(
        new AptTransaction(entry.start, entry.end, entry.commandline, entry.requestedBy, packages));
  }

  private static Instant time(String value, ZoneId zone) {
    try {
      return LocalDateTime.parse(value.replaceAll("\\s+", " "), TIME).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static final class Entry {
    final Instant start;
    Instant end;
    String commandline;
    String requestedBy;
    final List<String[]> lists = new ArrayList<>();

    Entry(Instant start) {
      this.start = start;
    }
  }
}
