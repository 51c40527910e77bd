package io.driftwatch.coordinator;

/** What was asked for does not exist: an unknown host, or no recorded state at that time. */
public final class NotFoundException extends RuntimeException {

  public NotFoundException(String message) {
    super(message, null, false, false);
  }
}
