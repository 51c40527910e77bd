package io.driftwatch.node.context;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the sudo lines of {@code /var/log/auth.log}: {@code Nov 28 10:00:03 web-1 sudo: alice :
 * TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/vi /etc/hosts}, with a traditional
 * (local time, year inferred) or an RFC 3339 time stamp. A refused attempt ({@code alice : 3
 * incorrect password attempts ; TTY=…}) is kept as denied. Every other line is skipped.
 */
public final class AuthLogParser {

  static final String SOURCE = "auth-log";

  // " web-1 sudo[123]:    alice : TTY=…" after the time stamp
  private static final Pattern SUDO =
      Pattern.compile("\\s+\\S+\\s+sudo(?:\\[\\d+\\])?:\\s+(\\S+)\\s+:\\s+(.*)");

  private AuthLogParser() {}

  /**
   * @param reference the end of the window being read, to give traditional time stamps their year
   */
  public static List<SudoCommand> parse(byte[] log, boolean cut, ZoneId zone, Instant reference) {
    List<SudoCommand> commands = new ArrayList<>();
    for (String line : LogText.lines(log, cut)) {
      if (!line.contains("sudo")) {
        continue;
      }
      SyslogTime.Stamp stamp = SyslogTime.parse(line, zone, reference);
      if (stamp == null) {
        continue;
      }
      Matcher m = SUDO.matcher(line.substring(stamp.rest()));
      if (!m.matches()) {
        continue;
      }
      String user = LogText.field(m.group(1));
      String[] parts = m.group(2).split(" ; ");
      boolean denied = !parts[0].startsWith("TTY=") && !parts[0].startsWith("PWD=");
      String runAs = null;
      String command = null;
      boolean fields = false;
      for (String part : parts) {
        if (part.startsWith("USER=")) {
          runAs = LogText.field(part.substring(5));
          fields = true;
        } else if (part.startsWith("COMMAND=")) {
          command = LogText.field(part.substring(8));
          fields = true;
        } else if (part.startsWith("TTY=") || part.startsWith("PWD=")) {
          fields = true;
        }
      }
      if (user != null && fields) {
        commands.add(new SudoCommand(stamp.at(), user, runAs, command, denied));
      }
    }
    return commands;
  }
}
