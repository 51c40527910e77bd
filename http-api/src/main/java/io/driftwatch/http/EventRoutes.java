package io.driftwatch.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.coordinator.Selector;
import io.driftwatch.coordinator.context.ContextEvents;
import io.driftwatch.coordinator.context.EventBody;
import io.driftwatch.coordinator.context.EventType;
import io.driftwatch.coordinator.context.PostedEvent;
import io.driftwatch.node.fact.TimeRange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * {@code /v1/events}: post an external context event (a deploy, a CM run, an incident, a note) and
 * list them ({@code ?since=&until=&selector=&host=&type=&limit=}).
 */
final class EventRoutes extends AllDirectives {

  /** Who posted an event when its body does not say (as for drift policy changes). */
  static final String USER_HEADER = "X-Driftwatch-User";

  /** An event body is small; anything larger is refused while it streams in. */
  static final long MAX_BODY_BYTES = 256 * 1024;

  static final Duration DEFAULT_SINCE = Duration.ofHours(24);
  static final int DEFAULT_LIMIT = 1000;

  private final ContextEvents events;
  private final Json json;
  private final Clock clock;

  EventRoutes(ContextEvents events, Json json, Clock clock) {
    this.events = events;
    this.json = json;
    this.clock = clock;
  }

  Route routes() {
    return path(
        "events",
        () ->
            concat(
                post(
                    () ->
                        optionalHeaderValueByName(
                            USER_HEADER,
                            user ->
                                withSizeLimit(
                                    MAX_BODY_BYTES,
                                    () ->
                                        entity(
                                            Unmarshaller.entityToString(),
                                            body -> post(body, user))))),
                get(
                    () ->
                        parameterOptional(
                            "since",
                            since ->
                                parameterOptional(
                                    "until",
                                    until ->
                                        parameterOptional(
                                            "selector",
                                            selector ->
                                                parameterOptional(
                                                    "host",
                                                    host ->
                                                        parameterOptional(
                                                            "type",
                                                            type ->
                                                                parameterOptional(
                                                                    "limit",
                                                                    limit ->
                                                                        list(
                                                                            since, until, selector,
                                                                            host, type,
                                                                            limit))))))))));
  }

  private Route post(String body, Optional<String> user) {
    JsonNode node = json.parse(body, JsonNode.class);
    PostedEvent event =
        EventBody.parse(node, clock.instant(), user.orElse(null), events.settings());
    return onSuccess(
        events.post(event, node.hasNonNull("id"), node.hasNonNull("at")),
        posted ->
            complete(
                posted.created() ? StatusCodes.CREATED : StatusCodes.OK,
                Wire.Event.of(posted.event()),
                json.marshaller()));
  }

  private Route list(
      Optional<String> since,
      Optional<String> until,
      Optional<String> selector,
      Optional<String> host,
      Optional<String> type,
      Optional<String> limit) {
    Instant now = clock.instant();
    TimeRange range =
        new TimeRange(
            Params.time("since", since, now, now.minus(DEFAULT_SINCE)),
            Params.time("until", until, now, now.plus(events.settings().clockSkew())));
    Selector hosts = null;
    if (selector.isPresent()) {
      try {
        hosts = Selector.parse(selector.get());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("selector: " + e.getMessage());
      }
    }
    String name = host.map(Params::hostName).orElse(null);
    Set<EventType> types = EnumSet.noneOf(EventType.class);
    type.ifPresent(
        t ->
            Arrays.stream(t.split(","))
                .map(String::strip)
                .map(EventType::parse)
                .forEach(types::add));
    int max = limit.isEmpty() ? DEFAULT_LIMIT : Params.limit(limit);
    return onSuccess(
        events.list(range, hosts, name, types, max),
        listing ->
            completeOK(
                new Wire.Events(
                    range.from(),
                    range.to(),
                    listing.truncated(),
                    listing.events().stream().map(Wire.Event::of).toList()),
                json.marshaller()));
  }
}
