package io.driftwatch.coordinator.drift;

import io.driftwatch.coordinator.Selector;

/**
 * How specific a policy's selector is about roles (pure): {@code role=web} is 1, {@code
 * role=web/canary} 2, a selector without a role term 0. Where policies of several depths cover the
 * same key of a host, the nearest role (the deepest) wins: a canary follows its subrole's
 * expectation, not its role's.
 */
final class RoleDepth {

  private RoleDepth() {}

  static int of(Selector selector) {
    int depth = 0;
    for (String term : selector.toString().split(",")) {
      String t = term.strip();
      if (t.startsWith(PeerGroups.ROLE + "=")) {
        String role = t.substring(PeerGroups.ROLE.length() + 1);
        role = role.startsWith("=") ? role.substring(1) : role;
        depth = Math.max(depth, role.strip().split("/", -1).length);
      }
    }
    return depth;
  }
}
