package io.driftwatch.node.collect.source;

import io.driftwatch.node.collect.FactSource;
import io.driftwatch.node.collect.HostContext;
import io.driftwatch.node.collect.HostFiles;
import io.driftwatch.node.collect.Input;
import io.driftwatch.node.collect.SourceResult;
import io.driftwatch.node.fact.Text;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Local accounts: {@code user:NAME} from /etc/passwd ({@code uid=… gid=… home=… shell=…}) and
 * {@code group:NAME} from /etc/group ({@code gid=… members=…}). Password fields are never read.
 */
public final class UsersSource implements FactSource {

  static final String PASSWD = "/etc/passwd";
  static final String GROUP = "/etc/group";

  private static final Pattern NAME = Pattern.compile("[^\\s:,\\p{Cntrl}]{1,256}");
  private static final Pattern ID = Pattern.compile("[0-9]{1,10}");

  @Override
  public String name() {
    return "users";
  }

  @Override
  public Set<String> categories() {
    return Set.of("user", "group");
  }

  @Override
  public List<Input> inputs() {
    return List.of(Input.file(PASSWD), Input.file(GROUP));
  }

  @Override
  public SourceResult collect(HostContext host) throws IOException {
    HostFiles files = host.files();
    return parse(files.read(PASSWD).orElse(null), files.read(GROUP).orElse(null));
  }

  /** Parses /etc/passwd and /etc/group; a null argument stands for a file that does not exist. */
  public static SourceResult parse(String passwd, String group) {
    SourceFacts facts = new SourceFacts();
    if (passwd != null) {
      parseFile(facts, PASSWD, passwd, 7, UsersSource::user);
    }
    if (group != null) {
      parseFile(facts, GROUP, group, 4, UsersSource::group);
    }
    return facts.result();
  }

  /** Turns one well-sized record into a fact, or returns a reason for skipping it. */
  private interface Entry {
    String add(SourceFacts facts, String[] fields);
  }

  private static void parseFile(
      SourceFacts facts, String path, String text, int fieldCount, Entry entry) {
    SourceText source = SourceText.of(text);
    int number = 0;
    int entries = 0;
    for (String line : source.lines()) {
      number++;
      String trimmed = stripCarriageReturn(line);
      // NIS compat entries (+user, -@netgroup) name accounts held elsewhere, not local ones.
      if (trimmed.isBlank()
          || trimmed.startsWith("#")
          || trimmed.startsWith("+")
          || trimmed.startsWith("-")) {
        continue;
      }
      String[] fields = trimmed.split(":", -1);
      String reason =
          fields.length == fieldCount
              ? entry.add(facts, fields)
              : "expected " + fieldCount + " fields, found " + fields.length;
      if (reason == null) {
        entries++;
        continue;
      }
      boolean cut = number == source.lines().size() && !source.endsWithNewline();
      if (cut) {
        facts.cutShort(path + " line " + number + ": " + reason + " (the file was cut short)");
      } else {
        facts.problem(path + " line " + number + ": " + reason + ", skipped");
      }
    }
    if (entries == 0) {
      // Every system has root; no entries at all means the file is broken, not that it is empty.
      facts.cutShort(path + " has no valid entries; kept the last known values");
    }
  }

  private static String user(SourceFacts facts, String[] f) {
    String reason = checkNameAndIds(f[0], f[2], f[3]);
    if (reason != null) {
      return reason;
    }
    if (facts.has("user:" + f[0])) {
      return "duplicate user " + Text.quote(f[0]) + " (the first entry wins)";
    }
    facts.put(
        "user",
        f[0],
        "uid=" + f[2] + " gid=" + f[3] + " home=" + f[5].strip() + " shell=" + f[6].strip());
    return null;
  }

  private static String group(SourceFacts facts, String[] f) {
    String reason = checkNameAndIds(f[0], f[2], null);
    if (reason != null) {
      return reason;
    }
    if (facts.has("group:" + f[0])) {
      return "duplicate group " + Text.quote(f[0]) + " (the first entry wins)";
    }
    Set<String> members = new TreeSet<>();
    Arrays.stream(f[3].split(","))
        .map(String::strip)
        .filter(m -> !m.isEmpty())
        .forEach(members::add);
    facts.put("group", f[0], "gid=" + f[2] + " members=" + String.join(",", members));
    return null;
  }

  private static String checkNameAndIds(String name, String id, String secondId) {
    if (!NAME.matcher(name).matches()) {
      return "invalid name";
    }
    if (!ID.matcher(id).matches() || (secondId != null && !ID.matcher(secondId).matches())) {
      return "id is not a number";
    }
    return null;
  }

  private static String stripCarriageReturn(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }
}
