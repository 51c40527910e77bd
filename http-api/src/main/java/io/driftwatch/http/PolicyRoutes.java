package io.driftwatch.http;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.coordinator.drift.DriftException;
import io.driftwatch.coordinator.drift.Expectation;
import io.driftwatch.coordinator.drift.PolicyKind;
import io.driftwatch.coordinator.drift.PolicyName;
import io.driftwatch.coordinator.drift.PolicyRegistry;
import io.driftwatch.coordinator.drift.PolicyRegistry.Saved;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * The drift policies: {@code /v1/expectations/{name}}, {@code /v1/baselines/{name}} and {@code
 * /v1/exceptions/{id}} (PUT, GET, DELETE, and GET {@code …/history}), their lists, and {@code POST
 * /v1/exceptions} giving the new exception an id. Who made a change is the {@code
 * X-Driftwatch-User} header, else "anonymous". Bodies answer with the stored definition.
 */
final class PolicyRoutes extends AllDirectives {

  static final String USER_HEADER = "X-Driftwatch-User";

  private static final int MAX_USER = 128;

  private final PolicyRegistry policies;
  private final Json json;
  private final Clock clock;

  PolicyRoutes(PolicyRegistry policies, Json json, Clock clock) {
    this.policies = policies;
    this.json = json;
    this.clock = clock;
  }

  /** How a PUT body becomes a stored policy. */
  private interface Writer<T> {
    CompletionStage<Saved<T>> write(String name, JsonNode body, String who);
  }

  Route routes() {
    return concat(
        resource(
            "expectations",
            PolicyKind.EXPECTATIONS,
            "name",
            (name, body, who) ->
                policies.put(PolicyKind.EXPECTATIONS, Expectation.fromJson(name, body), who)),
        resource("baselines", PolicyKind.BASELINES, "name", policies::putBaseline),
        resource(
            "exceptions",
            PolicyKind.EXCEPTIONS,
            "id",
            (id, body, who) -> policies.put(PolicyKind.EXCEPTIONS, exception(id, body), who)),
        path(
            "exceptions",
            () ->
                post(
                    () ->
                        withBodyAndUser(
                            (body, who) ->
                                saved(
                                    PolicyKind.EXCEPTIONS,
                                    policies.put(
                                        PolicyKind.EXCEPTIONS,
                                        exception(newExceptionId(), body),
                                        who))))));
  }

  private <T> Route resource(String plural, PolicyKind<T> kind, String nameField, Writer<T> put) {
    return pathPrefix(
        plural,
        () ->
            concat(
                pathEndOrSingleSlash(() -> get(() -> list(plural, kind))),
                pathPrefix(
                    segment(),
                    raw ->
                        concat(
                            pathEndOrSingleSlash(
                                () ->
                                    concat(
                                        get(() -> show(kind, name(kind, raw))),
                                        put(
                                            () ->
                                                withBodyAndUser(
                                                    (body, who) ->
                                                        saved(
                                                            kind,
                                                            put.write(
                                                                name(kind, raw), body, who)))),
                                        delete(() -> remove(kind, nameField, name(kind, raw))))),
                            path("history", () -> get(() -> history(kind, name(kind, raw))))))));
  }

  private <T> Route list(String plural, PolicyKind<T> kind) {
    return onSuccess(
        policies.list(kind),
        all ->
            completeOK(Map.of(plural, all.stream().map(kind::toJson).toList()), json.marshaller()));
  }

  private <T> Route show(PolicyKind<T> kind, String name) {
    return onSuccess(
        policies.get(kind, name), policy -> completeOK(kind.toJson(policy), json.marshaller()));
  }

  private <T> Route saved(PolicyKind<T> kind, CompletionStage<Saved<T>> write) {
    return onSuccess(
        write,
        saved ->
            complete(
                saved.created() ? StatusCodes.CREATED : StatusCodes.OK,
                kind.toJson(saved.policy()),
                json.marshaller()));
  }

  private Route remove(PolicyKind<?> kind, String nameField, String name) {
    return optionalHeaderValueByName(
        USER_HEADER,
        header ->
            onSuccess(
                policies.remove(kind, name, user(header)),
                removed -> {
                  ObjectNode answer = JsonNodeFactory.instance.objectNode();
                  answer.put(nameField, name);
                  answer.put("removed", true);
                  return completeOK(answer, json.marshaller());
                }));
  }

  private Route history(PolicyKind<?> kind, String name) {
    return onSuccess(
        policies.history(kind, name),
        versions -> completeOK(Map.of("history", versions), json.marshaller()));
  }

  private Route withBodyAndUser(BiFunction<JsonNode, String, Route> inner) {
    return optionalHeaderValueByName(
        USER_HEADER,
        header ->
            entity(
                Unmarshaller.entityToString(),
                body -> inner.apply(json.parse(body, JsonNode.class), user(header))));
  }

  /** Who writes: the header, checked, or "anonymous" without one. */
  static String user(Optional<String> header) {
    if (header.isEmpty() || header.get().isBlank()) {
      return "anonymous";
    }
    String user = header.get().strip();
    if (user.length() > MAX_USER || user.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          USER_HEADER + ": at most " + MAX_USER + " characters, no control characters");
    }
    return user;
  }

  private static String name(PolicyKind<?> kind, String raw) {
    return PolicyName.requireValid(
        kind.what() + (kind == PolicyKind.EXCEPTIONS ? " id" : " name"), raw);
  }

  private DriftException exception(String id, JsonNode body) {
    return DriftException.fromJson(id, body, clock.instant());
  }

  /** A fresh exception id: {@code x-} and 12 random hex digits. */
  private static String newExceptionId() {
    return "x-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }
}
