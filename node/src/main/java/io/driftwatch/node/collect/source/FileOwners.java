package io.driftwatch.node.collect.source;

import io.driftwatch.node.collect.HostFiles;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * User and group names as the host itself knows them, from its own /etc/passwd and /etc/group: a
 * fixture root or another machine numbers its accounts differently from the node. An id with no
 * name there is shown as the number.
 */
final class FileOwners {

  private final Map<Integer, String> users;
  private final Map<Integer, String> groups;

  private FileOwners(Map<Integer, String> users, Map<Integer, String> groups) {
    this.users = users;
    this.groups = groups;
  }

  /** Names for nothing: every owner is shown as numbers. */
  static FileOwners numeric() {
    return new FileOwners(Map.of(), Map.of());
  }

  /**
   * Reads the host's account files; a missing file just means no names.
   *
   * @throws IOException when one exists but cannot be read
   */
  static FileOwners read(HostFiles files) throws IOException {
    return new FileOwners(names(files.read("/etc/passwd")), names(files.read("/etc/group")));
  }

  /** {@code user:group}, each a name where the host has one, else the number. */
  String owner(int uid, int gid) {
    return users.getOrDefault(uid, Integer.toString(uid))
        + ":"
        + groups.getOrDefault(gid, Integer.toString(gid));
  }

  /**
   * The first name for each id in a passwd- or group-shaped file (name, password, id, …). Lines
   * that do not fit, NIS entries and names that would break the value's format are skipped.
   */
  static Map<Integer, String> names(Optional<String> text) {
    Map<Integer, String> names = new HashMap<>();
    if (text.isEmpty()) {
      return names;
    }
    text.get()
        .lines()
        .forEach(
            line -> {
              String[] fields = line.split(":", -1);
              if (fields.length < 3 || !usable(fields[0])) {
                return;
              }
              try {
                names.putIfAbsent(Integer.parseInt(fields[2].strip()), fields[0]);
              } catch (NumberFormatException e) {
                // Not an account line; the numeric id will be shown instead.
              }
            });
    return names;
  }

  private static boolean usable(String name) {
    return !name.isEmpty()
        && name.charAt(0) != '#'
        && name.charAt(0) != '+'
        && name.charAt(0) != '-'
        && name.length() <= 64
        && name.chars().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c));
  }
}
