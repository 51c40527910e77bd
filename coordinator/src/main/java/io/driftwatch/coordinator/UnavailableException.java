package io.driftwatch.coordinator;

/**
 * The question is fine but cannot be answered now: the store is down, a host entity did not answer
 * in time, or a probe failed.
 */
public final class UnavailableException extends RuntimeException {

  public UnavailableException(String message) {
    super(message, null, false, false);
  }
}
