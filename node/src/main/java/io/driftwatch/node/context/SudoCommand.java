package io.driftwatch.node.context;

import java.time.Instant;
import java.util.Objects;

/**
 * One sudo line of auth.log: who ran what as whom.
 *
 * @param runAs the target user (USER=), null when not logged
 * @param command the command line (COMMAND=), null when not logged
 * @param denied true for a refused attempt (wrong password, command not allowed)
 */
public record SudoCommand(Instant at, String user, String runAs, String command, boolean denied) {

  public SudoCommand {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(user, "user");
  }

  /** Whether the command line names {@code path} as a whole word (not a longer path). */
  public boolean names(String path) {
    if (command == null || path.isEmpty()) {
      return false;
    }
    int from = 0;
    while (true) {
      int i = command.indexOf(path, from);
      if (i < 0) {
        return false;
      }
      int end = i + path.length();
      boolean startsWord = i == 0 || " =<>'\"".indexOf(command.charAt(i - 1)) >= 0;
      boolean endsWord = end == command.length() || " ;'\"".indexOf(command.charAt(end)) >= 0;
      if (startsWord && endsWord) {
        return true;
      }
      from = i + 1;
    }
  }
}
