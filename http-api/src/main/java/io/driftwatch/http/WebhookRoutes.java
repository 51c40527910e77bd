package io.driftwatch.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.coordinator.stream.Notifications;
import java.nio.charset.StandardCharsets;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * {@code PUT/GET/DELETE /v1/webhooks/{name}} and {@code GET /v1/webhooks}: webhook sinks defined
 * through the API (configured ones are listed too, and cannot be changed here). Secrets are never
 * shown back, only that one is set.
 */
final class WebhookRoutes extends AllDirectives {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String USER_HEADER = "X-Driftwatch-User";

  private final Notifications notifications;

  WebhookRoutes(Notifications notifications) {
    this.notifications = notifications;
  }

  Route routes() {
    return pathPrefix(
        "webhooks",
        () ->
            concat(
                pathEnd(() -> get(this::list)),
                path(
                    name ->
                        concat(
                            get(() -> one(name)),
                            put(
                                () ->
                                    who(
                                        user ->
                                            entity(
                                                Unmarshaller.entityToString(),
                                                body -> define(name, body, user)))),
                            delete(() -> who(user -> remove(name, user)))))));
  }

  private Route who(java.util.function.Function<String, Route> inner) {
    return optionalHeaderValueByName(USER_HEADER, user -> inner.apply(user.orElse("anonymous")));
  }

  private Route list() {
    return onSuccess(
        notifications.webhooks().list(),
        all -> {
          ObjectNode out = JSON.createObjectNode();
          ArrayNode hooks = out.putArray("webhooks");
          all.forEach(d -> hooks.add(d.toJson(false)));
          return json(out);
        });
  }

  private Route one(String name) {
    return onSuccess(notifications.webhooks().get(name), d -> json(d.toJson(false)));
  }

  private Route define(String name, String body, String user) {
    return onSuccess(
        notifications.webhooks().put(name, body, user),
        d -> {
          notifications.reloadWebhooks();
          return json(d.toJson(false));
        });
  }

  private Route remove(String name, String user) {
    return onSuccess(
        notifications.webhooks().delete(name, user),
        d -> {
          notifications.reloadWebhooks();
          return complete(StatusCodes.NO_CONTENT);
        });
  }

  private Route json(ObjectNode node) {
    return complete(
        StatusCodes.OK,
        HttpEntities.create(
            ContentTypes.APPLICATION_JSON, node.toString().getBytes(StandardCharsets.UTF_8)));
  }
}
