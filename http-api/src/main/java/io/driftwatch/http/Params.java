package io.driftwatch.http;

import io.driftwatch.coordinator.TimeSpec;
import io.driftwatch.node.fact.FactKey;
import io.driftwatch.node.fact.Text;
import io.driftwatch.node.host.HostName;
import io.driftwatch.node.store.ChangeQuery;
import java.time.Instant;
import java.util.Optional;

/** Validation of path and query parameters, with errors that name the parameter. */
final class Params {

  static final int DEFAULT_LIMIT = 10_000;

  private Params() {}

  static String hostName(String name) {
    return HostName.requireValid(name);
  }

  static Instant time(String parameter, Optional<String> value, Instant now, Instant fallback) {
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      return TimeSpec.parse(value.get(), now);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(parameter + ": " + e.getMessage());
    }
  }

  /** A key prefix: empty keeps every key; otherwise no control characters and bounded. */
  static String prefix(Optional<String> value) {
    String prefix = value.orElse("");
    if (prefix.length() > FactKey.MAX_LENGTH || prefix.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("prefix: invalid key prefix " + Text.quote(prefix));
    }
    return prefix;
  }

  static int limit(Optional<String> value) {
    if (value.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value.get());
      if (limit >= 1 && limit <= ChangeQuery.MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "limit: expected a whole number from 1 to "
            + ChangeQuery.MAX_LIMIT
            + ", got "
            + Text.quote(value.get()));
  }

  /** A true/false parameter; absent is false. */
  static boolean flag(String parameter, Optional<String> value) {
    if (value.isEmpty() || value.get().equals("false")) {
      return false;
    }
    if (value.get().equals("true")) {
      return true;
    }
    throw new IllegalArgumentException(
        parameter + ": expected true or false, got " + Text.quote(value.get()));
  }
}
