package io.driftwatch.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.coordinator.Selector;
import io.driftwatch.coordinator.stream.Notifications;
import io.driftwatch.coordinator.stream.StreamFilter;
import io.driftwatch.coordinator.stream.StreamItem;
import io.driftwatch.node.fact.Text;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * {@code GET /v1/stream?selector=&kinds=&lastEventId=} as Server-Sent Events ({@code event:} the
 * kind, {@code id:} the event id, {@code data:} one JSON object; keep-alive comments; resumes after
 * {@code Last-Event-ID}), and {@code GET /v1/stream/ws?…} the same events as WebSocket text
 * messages {@code {"id","kind","data"}}. Parameters are checked before the stream starts (a 400).
 */
final class StreamRoutes extends AllDirectives {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Notifications notifications;

  StreamRoutes(Notifications notifications) {
    this.notifications = notifications;
  }

  Route routes() {
    return pathPrefix(
        "stream",
        () ->
            get(
                () ->
                    parameterOptional(
                        "selector",
                        selector ->
                            parameterOptional(
                                "kinds",
                                kinds ->
                                    parameterOptional(
                                        "lastEventId",
                                        query ->
                                            optionalHeaderValueByName(
                                                "Last-Event-ID",
                                                header ->
                                                    concat(
                                                        pathEnd(
                                                            () ->
                                                                sse(
                                                                    filter(selector, kinds),
                                                                    lastEventId(
                                                                        header.or(() -> query)))),
                                                        path(
                                                            "ws",
                                                            () ->
                                                                webSocket(
                                                                    filter(selector, kinds),
                                                                    lastEventId(query))))))))));
  }

  private Route sse(StreamFilter filter, OptionalLong after) {
    Source<ServerSentEvent, NotUsed> events =
        notifications
            .hub()
            .subscribe(filter, after)
            .map(StreamRoutes::toSse)
            .keepAlive(notifications.settings().keepAlive(), ServerSentEvent::heartbeat);
    return completeOK(events, EventStreamMarshalling.toEventStream());
  }

  private Route webSocket(StreamFilter filter, OptionalLong after) {
    Source<Message, NotUsed> messages =
        notifications
            .hub()
            .subscribe(filter, after)
            .map(item -> (Message) TextMessage.create(toWs(item)));
    // What the client sends is ignored; its closing ends the stream.
    return handleWebSocketMessages(Flow.fromSinkAndSourceCoupled(Sink.ignore(), messages));
  }

  private static ServerSentEvent toSse(StreamItem item) {
    if (item instanceof StreamItem.Event e) {
      return ServerSentEvent.create(
          e.event().json(), e.event().kind(), Long.toString(e.event().id()));
    }
    return ServerSentEvent.create(note(item).toString(), noteKind(item));
  }

  private static String toWs(StreamItem item) {
    ObjectNode out = JSON.createObjectNode();
    if (item instanceof StreamItem.Event e) {
      out.put("id", e.event().id());
      out.put("kind", e.event().kind());
      out.set("data", parse(e.event().json()));
    } else {
      out.putNull("id");
      out.put("kind", noteKind(item));
      out.set("data", note(item));
    }
    return out.toString();
  }

  private static String noteKind(StreamItem item) {
    return item instanceof StreamItem.Reset ? "reset" : "dropped";
  }

  private static ObjectNode note(StreamItem item) {
    return item instanceof StreamItem.Reset r ? reset(r) : dropped((StreamItem.Dropped) item);
  }

  private static ObjectNode reset(StreamItem.Reset r) {
    ObjectNode data = JSON.createObjectNode();
    data.put("lastEventId", r.lastEventId());
    data.put("oldestId", r.oldestId());
    data.put(
        "reason",
        "events after lastEventId are no longer kept on this member: some may be missing");
    return data;
  }

  private static ObjectNode dropped(StreamItem.Dropped d) {
    ObjectNode data = JSON.createObjectNode();
    data.put("lastId", d.lastId());
    data.put("reason", "the client fell too far behind; reconnect with Last-Event-ID to resume");
    return data;
  }

  private static StreamFilter filter(Optional<String> selector, Optional<String> kinds) {
    Selector hosts;
    try {
      hosts = Selector.parse(selector.orElse(""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("selector: " + e.getMessage());
    }
    return new StreamFilter(StreamFilter.kinds(kinds.orElse("")), hosts);
  }

  private static OptionalLong lastEventId(Optional<String> text) {
    if (text.isEmpty() || text.get().isBlank()) {
      return OptionalLong.empty();
    }
    try {
      long id = Long.parseLong(text.get().strip());
      if (id >= 0) {
        return OptionalLong.of(id);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "lastEventId: expected an event id (a whole number), got " + Text.quote(text.get()));
  }

  private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
