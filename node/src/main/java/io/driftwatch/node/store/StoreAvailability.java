package io.driftwatch.node.store;

import io.driftwatch.node.fact.DurationText;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the store behind the spool answers, as the last write to it showed, and its last failure
 * for health. Logs when an outage starts and when it ends, not every failed attempt in between.
 */
final class StoreAvailability {

  private static final Logger log = LoggerFactory.getLogger(StoreAvailability.class);

  // Health shows it; a driver's message listing every node it tried can be long.
  private static final int MAX_ERROR_LENGTH = 300;

  /** What health shows of it. */
  record Seen(boolean available, Optional<String> lastError, Optional<Instant> lastErrorAt) {}

  private final String kind;
  private final Path spool;
  private final Clock clock;
  private boolean available = true;
  private Instant unavailableSince;
  private String lastError;
  private Instant lastErrorAt;

  StoreAvailability(String kind, Path spool, Clock clock) {
    this.kind = kind;
    this.spool = spool;
    this.clock = clock;
  }

  synchronized boolean available() {
    return available;
  }

  synchronized Seen seen() {
    return new Seen(available, Optional.ofNullable(lastError), Optional.ofNullable(lastErrorAt));
  }

  /** A write was acknowledged. */
  void succeeded() {
    Instant since;
    synchronized (this) {
      since = available ? null : unavailableSince;
      available = true;
      unavailableSince = null;
    }
    if (since != null) {
      log.info(
          "Store [{}] answers again after {}s; spooled records are being written",
          kind,
          Duration.between(since, clock.instant()).toSeconds());
    }
  }

  /** A write failed or did not answer in time; {@code description} from {@link #describe}. */
  void failed(String description) {
    boolean started;
    synchronized (this) {
      started = available;
      available = false;
      lastError = description;
      lastErrorAt = clock.instant();
      if (started) {
        unavailableSince = lastErrorAt;
      }
    }
    if (started) {
      log.warn(
          "Store [{}] failed ({}); probe records are spooled in [{}] until it answers",
          kind,
          description,
          spool);
    } else {
      log.debug("Store [{}] still failing: {}", kind, description);
    }
  }

  /**
   * One line about why a write failed: the store's own message (never a stack trace), or that it
   * did not answer within {@code deadline}.
   */
  static String describe(Throwable error, Duration deadline) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof TimeoutException) {
      return "no answer within " + DurationText.format(deadline);
    }
    String message =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    String line = message.strip().lines().findFirst().orElse("");
    return line.length() <= MAX_ERROR_LENGTH ? line : line.substring(0, MAX_ERROR_LENGTH) + "…";
  }
}
