package io.driftwatch.node.probe;

/**
 * A probe failed as a whole: the host is unreachable for this probe. The message is shown to
 * operators as the reason, so it says what failed without a stack trace.
 */
public final class ProbeException extends Exception {

  /** Why a probe failed, in words a script can match on. */
  public enum Reason {
    /** The root directory to read does not exist (or is not a directory). */
    ROOT_MISSING,
    /** The probe (or one step of it: connect, authenticate, run) took longer than allowed. */
    TIMEOUT,
    TRANSPORT_UNSUPPORTED,
    COLLECTOR_FAILED,
    /** The host's address does not resolve. */
    DNS,
    /** The host refused the connection (nothing listens on the port). */
    REFUSED,
    /** Any other network failure: no route, reset, connection lost. */
    UNREACHABLE,
    /** The host did not accept our credentials. */
    AUTH,
    /** The host's key is unknown (under strict checking) or differs from the pinned one. */
    HOST_KEY,
    /** sudo was required and refused. */
    SUDO,
    /** The host sent more than the per-probe byte cap. */
    OUTPUT_CAP,
    /** The remote side answered something the node cannot read (missing tools, broken output). */
    PROTOCOL
  }

  private final Reason reason;

  public ProbeException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
