package io.driftwatch.bench.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The CPU fields of one {@code /proc/PID/stat}, in clock ticks: the process's own user and system
 * time, and that of its children it has already waited for (which is how the CPU of finished
 * commands and closed SSH sessions stays visible in a long-lived ancestor).
 */
record ProcStat(long utime, long stime, long cutime, long cstime) {

  /** Own CPU only (utime + stime). */
  long ownTicks() {
    return utime + stime;
  }

  /** Own CPU plus that of reaped children. */
  long treeTicks() {
    return utime + stime + cutime + cstime;
  }

  /** The stat of a running (or zombie) process; empty once it is gone. */
  static Optional<ProcStat> of(long pid) {
    try {
      return Optional.of(parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** This process's own stat line (for the children it reaped). */
  static ProcStat self() {
    return of(ProcessHandle.current().pid()).orElseThrow();
  }

  /**
   * Parses a stat line. The command name (field 2) is in parentheses and may itself contain spaces
   * and parentheses, so the fields are counted from the last ')'.
   */
  static ProcStat parse(String line) {
    int close = line.lastIndexOf(')');
    if (close < 0) {
      throw new IllegalArgumentException("not a /proc/PID/stat line: " + line);
    }
    // After ") " comes field 3 (state); utime is field 14, stime 15, cutime 16, cstime 17.
    String[] f = line.substring(close + 2).trim().split(" ");
    return new ProcStat(
        Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14]));
  }
}
