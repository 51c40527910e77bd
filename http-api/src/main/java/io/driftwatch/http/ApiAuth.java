package io.driftwatch.http;

import java.util.Optional;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Bearer-token authentication of the API when a token is configured; a missing or wrong token is
 * answered 401 (as JSON, by the error handling) and the token is compared in constant time.
 */
final class ApiAuth extends AllDirectives {

  private static final String REALM = "driftwatch";

  private final Optional<String> token;

  ApiAuth(Optional<String> token) {
    this.token = token;
  }

  Route require(Supplier<Route> inner) {
    if (token.isEmpty()) {
      return inner.get();
    }
    String secret = token.get();
    return authenticateOAuth2(
        REALM,
        credentials -> credentials.filter(c -> c.verify(secret)).map(c -> "api-client"),
        client -> inner.get());
  }
}
