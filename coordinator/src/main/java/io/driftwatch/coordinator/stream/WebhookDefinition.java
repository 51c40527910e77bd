package io.driftwatch.coordinator.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.coordinator.Selector;
import io.driftwatch.node.fact.Text;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A webhook sink: where events go ({@code url}), which ones ({@code kinds}, {@code selector}), how
 * ({@code format} json or slack) and the optional {@code secret} that signs each body. Parsed and
 * validated from the JSON body of {@code PUT /v1/webhooks/{name}} or a {@code driftwatch.webhooks}
 * entry.
 */
public record WebhookDefinition(
    String name,
    URI url,
    Set<String> kinds,
    String selector,
    Format format,
    Optional<String> secret) {

  /** How a body looks: one event as JSON, or Slack's {@code {"text": …}}. */
  public enum Format {
    JSON,
    SLACK
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
  private static final Set<String> FIELDS = Set.of("url", "kinds", "selector", "format", "secret");

  public StreamFilter filter() {
    return new StreamFilter(kinds, Selector.parse(selector));
  }

  /** Parses a definition; every mistake is an IllegalArgumentException naming the field. */
  public static WebhookDefinition parse(String name, String json) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "invalid webhook name " + Text.quote(String.valueOf(name)) + ": letters, digits, _ . -");
    }
    JsonNode body;
    try {
      body = JSON.readTree(json == null ? "" : json);
    } catch (IOException e) {
      throw new IllegalArgumentException("invalid JSON body: " + e.getMessage());
    }
    if (body == null || !body.isObject()) {
      throw new IllegalArgumentException("expected a JSON object {\"url\",\"kinds\",…}");
    }
    body.fieldNames()
        .forEachRemaining(
            f -> {
              if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException(
                    "unknown field " + Text.quote(f) + ", expected some of " + FIELDS);
              }
            });
    URI url = url(body.path("url"));
    Set<String> kinds = kinds(body.get("kinds"));
    String selector = body.path("selector").asText("");
    try {
      Selector.parse(selector);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("selector: " + e.getMessage());
    }
    Format format = format(body.path("format").asText("json"));
    JsonNode secret = body.get("secret");
    if (secret != null && !secret.isNull() && (!secret.isTextual() || secret.asText().isEmpty())) {
      throw new IllegalArgumentException("secret: expected a non-empty string");
    }
    return new WebhookDefinition(
        name,
        url,
        kinds,
        selector,
        format,
        secret == null || secret.isNull() ? Optional.empty() : Optional.of(secret.asText()));
  }

  /** The definition as stored and shown; {@code withSecret} false shows only that one is set. */
  public ObjectNode toJson(boolean withSecret) {
    ObjectNode out = JSON.createObjectNode();
    out.put("name", name);
    out.put("url", url.toString());
    kinds.stream().sorted().forEach(out.putArray("kinds")::add);
    out.put("selector", selector);
    out.put("format", format.name().toLowerCase(java.util.Locale.ROOT));
    secret.ifPresent(s -> out.put("secret", withSecret ? s : "(set)"));
    return out;
  }

  /** The body as stored: what {@link #parse} reads back, secret included. */
  public String stored() {
    ObjectNode out = toJson(true);
    out.remove("name");
    return out.toString();
  }

  /** Scheme, host and port only: what logs show (a URL's path or query may hold a token). */
  public String where() {
    return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
  }

  private static URI url(JsonNode node) {
    if (!node.isTextual()) {
      throw new IllegalArgumentException("url: required, an http or https URL");
    }
    try {
      URI url = new URI(node.asText());
      if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
          || url.getHost() == null) {
        throw new IllegalArgumentException("url: expected an http or https URL with a host");
      }
      return url;
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("url: not a URL: " + e.getReason());
    }
  }

  private static Set<String> kinds(JsonNode node) {
    if (node == null || node.isNull()) {
      return StreamFilter.DEFAULT_KINDS;
    }
    if (!node.isArray() || node.isEmpty()) {
      throw new IllegalArgumentException(
          "kinds: expected a non-empty array of " + StreamFilter.KINDS);
    }
    List<String> kinds = new ArrayList<>();
    node.forEach(k -> kinds.add(k.asText()));
    return StreamFilter.kinds(String.join(",", kinds));
  }

  private static Format format(String text) {
    return switch (text) {
      case "json" -> Format.JSON;
      case "slack" -> Format.SLACK;
      default ->
          throw new IllegalArgumentException(
              "format: expected json or slack, got " + Text.quote(text));
    };
  }
}
