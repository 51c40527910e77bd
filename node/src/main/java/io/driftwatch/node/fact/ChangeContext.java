package io.driftwatch.node.fact;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the host's own records say about one change: its exact time and likely actor where a record
 * names them, the records that do, and the logins overlapping the change's window. Every member is
 * optional ({@code at} and {@code actor} null, lists empty): nothing is ever guessed.
 *
 * @param at the exact time of the change, where a record of the host says so
 * @param actor the likely actor, where a record of the host names one
 * @param records the host's records about the change or its window, strongest first
 * @param logins sessions on the host overlapping the change's window
 */
public record ChangeContext(
    Instant at, String actor, List<HostRecord> records, List<Login> logins) {

  /** Nothing known. */
  public static final ChangeContext NONE = new ChangeContext(null, null, List.of(), List.of());

  public ChangeContext {
    records = records == null ? List.of() : List.copyOf(records);
    logins = logins == null ? List.of() : List.copyOf(logins);
    if (actor != null && actor.isBlank()) {
      actor = null;
    }
  }

  /** Whether nothing is known at all. */
  public boolean isEmpty() {
    return at == null && actor == null && records.isEmpty() && logins.isEmpty();
  }

  /**
   * One line of a host's own log about a change or its window.
   *
   * @param source where it was read: apt-history, dpkg-log, dnf-history, yum-log, auth-log, wtmp
   * @param at when the record says it happened (null when it does not say)
   * @param actor who it names (null when it names nobody)
   * @param action what it says was done: install, upgrade, remove, purge, sudo, …
   * @param detail the command line or the record's own words, bounded
   */
  public record HostRecord(String source, Instant at, String actor, String action, String detail) {
    public HostRecord {
      Objects.requireNonNull(source, "source");
    }
  }

  /**
   * One login session on the host.
   *
   * @param from the remote address or host name, null for a local login
   * @param end null while the session is still open
   */
  public record Login(String user, String from, Instant start, Instant end) {
    public Login {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(start, "start");
    }

    /** Whether the session was open at some moment of (from, to]. */
    public boolean overlaps(Instant windowFrom, Instant windowTo) {
      return !start.isAfter(windowTo)
          && (end == null || windowFrom == null || end.isAfter(windowFrom));
    }
  }
}
