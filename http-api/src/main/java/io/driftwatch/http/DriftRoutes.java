package io.driftwatch.http;

import io.driftwatch.coordinator.Selector;
import io.driftwatch.coordinator.drift.DriftQueries;
import io.driftwatch.coordinator.drift.Severity;
import io.driftwatch.node.fact.Text;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /v1/drift?selector=&baseline=&includeExcepted=&severity=}: the current drift findings
 * of the selected hosts, most severe first.
 */
final class DriftRoutes extends AllDirectives {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

  private final DriftQueries drift;
  private final Json json;

  DriftRoutes(DriftQueries drift, Json json) {
    this.drift = drift;
    this.json = json;
  }

  Route routes() {
    return path(
        "drift",
        () ->
            get(
                () ->
                    parameterOptional(
                        "selector",
                        selector ->
                            parameterOptional(
                                "baseline",
                                baseline ->
                                    parameterOptional(
                                        "includeExcepted",
                                        excepted ->
                                            parameterOptional(
                                                "severity",
                                                severity ->
                                                    drift(
                                                        selector, baseline, excepted,
                                                        severity)))))));
  }

  private Route drift(
      Optional<String> selector,
      Optional<String> baseline,
      Optional<String> excepted,
      Optional<String> severity) {
    DriftQueries.Ask ask =
        new DriftQueries.Ask(
            selector(selector),
            baseline.map(DriftRoutes::baseline).orElse(null),
            excepted.map(DriftRoutes::flag).orElse(false),
            severity.map(DriftRoutes::severity).orElse(Severity.LOW));
    return onSuccess(
        drift.evaluate(ask), report -> completeOK(Wire.Drift.of(report), json.marshaller()));
  }

  private static Selector selector(Optional<String> text) {
    try {
      return Selector.parse(text.orElse(""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("selector: " + e.getMessage());
    }
  }

  private static String baseline(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("baseline: invalid name " + Text.quote(name));
    }
    return name;
  }

  private static boolean flag(String text) {
    return switch (text) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException(
              "includeExcepted: expected true or false, got " + Text.quote(text));
    };
  }

  private static Severity severity(String text) {
    try {
      return Severity.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("severity: " + e.getMessage());
    }
  }
}
