package io.driftwatch.node.store;

/** The store could not do what was asked (unavailable, corrupt, full); the message says which. */
public final class StoreException extends RuntimeException {

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
