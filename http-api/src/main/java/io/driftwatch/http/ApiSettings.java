package io.driftwatch.http;

import java.time.Duration;
import java.util.Optional;

/**
 * How the API behaves, read once at start.
 *
 * @param defaultInterval probe interval of hosts registered without one
 * @param token when present, every route but {@code /v1/health} and {@code /metrics} needs {@code
 *     Authorization: Bearer <token>}
 */
public record ApiSettings(Duration defaultInterval, Optional<String> token) {

  @Override
  public String toString() {
    // Never print the token, whatever logs this.
    return "ApiSettings[defaultInterval="
        + defaultInterval
        + ", token="
        + (token.isPresent() ? "set" : "none")
        + "]";
  }
}
