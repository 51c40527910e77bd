package io.driftwatch.node.probe;

/**
 * A probe failed as a whole: the host is unreachable for this probe. The message is shown to
 * operators as the reason, so it says what failed without a stack trace.
 */
public final class ProbeException extends Exception {

  /** Why a probe failed, in words a script can match on. */
  public enum Reason {
    ROOT_MISSING,
    TIMEOUT,
    TRANSPORT_UNSUPPORTED,
    COLLECTOR_FAILED
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
