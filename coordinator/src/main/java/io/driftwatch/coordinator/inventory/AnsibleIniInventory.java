package io.driftwatch.coordinator.inventory;

import io.driftwatch.node.fact.Text;
import io.driftwatch.node.host.HostSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Ansible INI inventories: {@code [group]} sections of host lines ({@code web-[01:03]
 * ansible_user=deploy}), {@code [group:vars]} sections of {@code key=value} lines and {@code
 * [group:children]} sections of group names. Lines before the first section are ungrouped hosts;
 * lines starting with {@code #} or {@code ;} are comments, and on host and children lines a {@code
 * #} starting a word begins a comment. Every error names its line.
 *
 * <pre>
 * [web]
 * web-[01:03] ansible_user=deploy
 * [web:children]
 * canary
 * [canary]
 * web-canary ansible_host=10.0.0.9
 * [web:vars]
 * driftwatch_tag_env=prod
 * </pre>
 */
public final class AnsibleIniInventory {

  private static final Pattern SECTION = Pattern.compile("\\[([^\\]]*)\\]\\s*(?:[#;].*)?");
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  private enum Kind {
    HOSTS,
    VARS,
    CHILDREN
  }

  private AnsibleIniInventory() {}

  /** The hosts of the inventory; throws IllegalArgumentException naming the line that is wrong. */
  public static List<HostSpec> parse(String text, Duration defaultInterval) {
    return AnsibleHosts.resolve(read(text), defaultInterval);
  }

  /** The inventory as written, not yet resolved into hosts. */
  static AnsibleInventory read(String text) {
    AnsibleInventory inventory = new AnsibleInventory();
    // [g:vars] may come before [g], but a group that is never defined is most likely a typo.
    Set<String> defined = new HashSet<>(Set.of(AnsibleInventory.ALL, AnsibleInventory.UNGROUPED));
    Map<String, String> varsOnly = new LinkedHashMap<>();
    String group = AnsibleInventory.UNGROUPED;
    Kind kind = Kind.HOSTS;
    String[] lines = text.split("\r\n|\r|\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String where = "line " + (i + 1);
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      try {
        if (line.startsWith("[")) {
          String[] section = section(line);
          group = inventory.group(section[0], where).name;
          kind = section[1] == null ? Kind.HOSTS : kindOf(section[1]);
          if (kind == Kind.VARS) {
            varsOnly.putIfAbsent(group, where);
          } else {
            defined.add(group);
          }
          continue;
        }
        switch (kind) {
          case HOSTS -> hostLine(inventory, group, line, where);
          case VARS -> varLine(inventory, group, line, where);
          case CHILDREN -> defined.add(childLine(inventory, group, line, where));
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage());
      }
    }
    varsOnly.keySet().removeAll(defined);
    varsOnly.forEach(
        (g, where) -> {
          throw new IllegalArgumentException(
              where
                  + ": ["
                  + g
                  + ":vars] is for a group that is defined nowhere (no ["
                  + g
                  + "] section, not a child group)");
        });
    return inventory;
  }

  private static String[] section(String line) {
    Matcher m = SECTION.matcher(line);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "malformed section header "
              + Text.quote(line)
              + ": expected [group], [group:vars] or [group:children]");
    }
    String inside = m.group(1).strip();
    int colon = inside.indexOf(':');
    return colon < 0
        ? new String[] {inside, null}
        : new String[] {inside.substring(0, colon), inside.substring(colon + 1)};
  }

  private static Kind kindOf(String suffix) {
    return switch (suffix) {
      case "vars" -> Kind.VARS;
      case "children" -> Kind.CHILDREN;
      default ->
          throw new IllegalArgumentException(
              "unknown section type "
                  + Text.quote(suffix)
                  + ": expected [group], [group:vars] or [group:children]");
    };
  }

  /** {@code pattern [key=value …]}: one or more hosts, with variables of their own. */
  private static void hostLine(
      AnsibleInventory inventory, String group, String line, String where) {
    List<String> words = words(line);
    if (words.isEmpty()) {
      return;
    }
    Map<String, AnsibleInventory.Var> vars = new LinkedHashMap<>();
    for (String word : words.subList(1, words.size())) {
      int eq = word.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException(
            "expected key=value after the host pattern, got " + Text.quote(word));
      }
      vars.put(
          variable(word.substring(0, eq)),
          new AnsibleInventory.Var(word.substring(eq + 1), true, where));
    }
    inventory.hosts(group, words.get(0), where).forEach(host -> host.vars.putAll(vars));
  }

  /** {@code key=value}: the rest of the line is the value, as Ansible reads :vars sections. */
  private static void varLine(AnsibleInventory inventory, String group, String line, String where) {
    int eq = line.indexOf('=');
    if (eq < 0) {
      throw new IllegalArgumentException(
          "expected key=value in [" + group + ":vars], got " + Text.quote(line));
    }
    String key = variable(line.substring(0, eq).strip());
    String value = unquote(line.substring(eq + 1).strip());
    inventory.group(group, where).vars.put(key, new AnsibleInventory.Var(value, true, where));
  }

  private static String childLine(
      AnsibleInventory inventory, String group, String line, String where) {
    List<String> words = words(line);
    if (words.size() != 1) {
      throw new IllegalArgumentException(
          "expected one group name per line in [" + group + ":children], got " + Text.quote(line));
    }
    inventory.child(group, words.get(0), where);
    return words.get(0);
  }

  private static String variable(String name) {
    if (!VARIABLE.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "invalid variable name "
              + Text.quote(name)
              + ": letters, digits and '_', not starting with a digit");
    }
    return name;
  }

  private static String unquote(String value) {
    if (value.length() >= 2
        && (value.startsWith("\"") && value.endsWith("\"")
            || value.startsWith("'") && value.endsWith("'"))) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }

  /**
   * Splits a line into words as a shell would, without expanding anything: quotes group, a
   * backslash escapes inside double quotes, and a {@code #} starting a word begins a comment.
   */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
          word.append(line.charAt(++i));
        } else {
          word.append(c);
        }
      } else if (Character.isWhitespace(c)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
      } else if (c == '#' && word == null) {
        break;
      } else {
        if (word == null) {
          word = new StringBuilder();
        }
        if (c == '"' || c == '\'') {
          quote = c;
        } else {
          word.append(c);
        }
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("unclosed " + quote + " quote");
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }
}
