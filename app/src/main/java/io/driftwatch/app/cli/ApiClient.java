package io.driftwatch.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The command line's HTTP client for API v1: JSON in, JSON out, and a failure that says whether the
 * server answered with an error or could not be reached at all.
 */
public final class ApiClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(3);

  private final String server;
  private final Optional<String> token;
  private final Optional<String> user;
  private final HttpClient http;

  public ApiClient(String server, Optional<String> token) {
    this(
        server.endsWith("/") ? server.substring(0, server.length() - 1) : server,
        token,
        Optional.empty(),
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
  }

  private ApiClient(String server, Optional<String> token, Optional<String> user, HttpClient http) {
    this.server = server;
    this.token = token;
    this.user = user;
    this.http = http;
  }

  /** This client saying who makes the changes it sends (recorded as a policy's changedBy). */
  public ApiClient as(String who) {
    return new ApiClient(server, token, Optional.of(who), http);
  }

  /** The server answered with an error: its status and the {@code error}/{@code detail} it sent. */
  public static final class ApiError extends RuntimeException {
    private final int status;

    ApiError(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  /** No answer at all: wrong URL, node not running, network down. */
  public static final class Unreachable extends RuntimeException {
    Unreachable(String message) {
      super(message, null, false, false);
    }
  }

  /** Query parameters in order, leaving out the null ones. */
  public static Map<String, String> params(String... keyValues) {
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      if (keyValues[i + 1] != null) {
        params.put(keyValues[i], keyValues[i + 1]);
      }
    }
    return params;
  }

  public JsonNode get(String path, Map<String, String> query) {
    return send(HttpRequest.newBuilder(uri(path, query)).GET());
  }

  public JsonNode post(String path) {
    return send(
        HttpRequest.newBuilder(uri(path, Map.of())).POST(HttpRequest.BodyPublishers.noBody()));
  }

  /** Posts a text body, such as an inventory file. */
  public JsonNode post(String path, Map<String, String> query, String body, String contentType) {
    return send(
        HttpRequest.newBuilder(uri(path, query))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
  }

  public JsonNode put(String path, JsonNode body) {
    return send(
        HttpRequest.newBuilder(uri(path, Map.of()))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  public JsonNode delete(String path) {
    return send(HttpRequest.newBuilder(uri(path, Map.of())).DELETE());
  }

  /** One Server-Sent Event: its kind, id (null for notes such as {@code dropped}) and data. */
  public record Event(String kind, String id, JsonNode data) {}

  /**
   * Follows a Server-Sent Events stream, resuming after {@code lastEventId} when given, and hands
   * each event to {@code onEvent} until the server ends the stream or {@code onEvent} answers
   * false. A refused request is an {@link ApiError}; a lost connection an {@link Unreachable}.
   */
  public void follow(
      String path,
      Map<String, String> query,
      String lastEventId,
      java.util.function.Predicate<Event> onEvent) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path, query)).header("Accept", "text/event-stream").GET();
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<java.util.stream.Stream<String>> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
    } catch (IOException e) {
      throw new Unreachable("cannot reach Driftwatch at " + server + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable("interrupted");
    }
    try (java.util.stream.Stream<String> lines = response.body()) {
      if (response.statusCode() >= 400) {
        JsonNode body = parse(lines.collect(Collectors.joining("\n")));
        throw new ApiError(response.statusCode(), errorMessage(response.statusCode(), body));
      }
      String kind = "message";
      String id = null;
      StringBuilder data = new StringBuilder();
      java.util.Iterator<String> it = lines.iterator();
      while (it.hasNext()) {
        String line = it.next();
        if (line.isEmpty()) {
          if (data.length() > 0 && !onEvent.test(new Event(kind, id, parse(data.toString())))) {
            return;
          }
          kind = "message";
          id = null;
          data.setLength(0);
        } else if (line.startsWith("event:")) {
          kind = line.substring(6).strip();
        } else if (line.startsWith("id:")) {
          id = line.substring(3).strip();
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5).strip());
        }
      }
    } catch (java.io.UncheckedIOException e) {
      throw new Unreachable("lost the stream from " + server + ": " + e.getCause().getMessage());
    }
  }

  /** Encodes one path segment (a host name may be anything the user typed). */
  public static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private URI uri(String path, Map<String, String> query) {
    String q =
        query.entrySet().stream()
            .map(e -> segment(e.getKey()) + "=" + segment(e.getValue()))
            .collect(Collectors.joining("&"));
    try {
      return URI.create(server + path + (q.isEmpty() ? "" : "?" + q));
    } catch (IllegalArgumentException e) {
      throw new Unreachable("invalid server URL " + server);
    }
  }

  private JsonNode send(HttpRequest.Builder request) {
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    user.ifPresent(u -> request.header("X-Driftwatch-User", u));
    HttpResponse<String> response;
    try {
      response =
          http.send(
              request.timeout(REQUEST_TIMEOUT).header("Accept", "application/json").build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new Unreachable(
          "cannot reach Driftwatch at " + server + " (is `driftwatch up` running there?)");
    } catch (IOException e) {
      throw new Unreachable("cannot reach Driftwatch at " + server + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable("interrupted");
    }
    JsonNode body = parse(response.body());
    if (response.statusCode() >= 400) {
      throw new ApiError(response.statusCode(), errorMessage(response.statusCode(), body));
    }
    if (body == null) {
      throw new Unreachable(server + " did not answer with JSON: is it a Driftwatch node?");
    }
    return body;
  }

  private static JsonNode parse(String body) {
    try {
      return body == null || body.isBlank() ? null : JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static String errorMessage(int status, JsonNode body) {
    if (body == null || !body.has("error")) {
      return "HTTP " + status;
    }
    JsonNode detail = body.get("detail");
    String text =
        detail == null || detail.isNull()
            ? ""
            : detail.isTextual() ? detail.asText() : flatten(detail);
    return body.get("error").asText() + (text.isEmpty() ? "" : ": " + text);
  }

  private static String flatten(JsonNode detail) {
    if (detail.has("message")) {
      return detail.get("message").asText()
          + (detail.has("reason") ? " (" + detail.get("reason").asText() + ")" : "");
    }
    return detail.toString();
  }
}
