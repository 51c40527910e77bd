package io.driftwatch.cassandra.schema;

/** The schema could not be brought up to date, or must not be; the message says why and what. */
public final class MigrationException extends RuntimeException {

  public MigrationException(String message) {
    super(message);
  }

  public MigrationException(String message, Throwable cause) {
    super(message, cause);
  }
}
