package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.node.testing.FixtureHost;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** A real HTTP client for tests: sends requests to a node and parses JSON answers. */
final class Api {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  Api(String base) {
    this.base = base;
  }

  /** A response: status and body parsed as JSON (null when the body is not JSON). */
  record Response(int status, String contentType, String body, JsonNode json) {}

  Response get(String pathAndQuery) {
    return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
  }

  Response delete(String path) {
    return send(HttpRequest.newBuilder(uri(path)).DELETE());
  }

  Response post(String path) {
    return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
  }

  Response post(String pathAndQuery, String body, String contentType) {
    return send(
        HttpRequest.newBuilder(uri(pathAndQuery))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  Response put(String path, String json) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** Registers a local host reading {@code root}, answering with the registration response. */
  Response registerLocal(String name, Path root, String tagsJson) {
    return put(
        "/v1/hosts/" + name,
        "{\"transport\":\"local\",\"root\":\""
            + root
            + "\",\"interval\":\"1h\",\"tags\":"
            + tagsJson
            + "}");
  }

  /**
   * Writes {@code host} to {@code hosts}/NAME and registers it there with tag {@code role}; fails
   * the test unless the node accepts it.
   */
  void registerFixture(String name, FixtureHost host, Path hosts, String role) {
    Response r =
        registerLocal(name, host.writeTo(hosts.resolve(name)), "{\"role\":\"" + role + "\"}");
    assertThat(r.status()).as(r.body()).isIn(200, 201);
  }

  /** Probes a host now and answers when the probe is recorded, with the probe's time. */
  Instant probe(String name) {
    Response r = post("/v1/hosts/" + name + "/probe");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return Instant.parse(r.json().get("probedAt").asText());
  }

  private URI uri(String pathAndQuery) {
    return URI.create(base + pathAndQuery);
  }

  private Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r =
          http.send(
              request.timeout(Duration.ofSeconds(60)).build(),
              HttpResponse.BodyHandlers.ofString());
      String type = r.headers().firstValue("Content-Type").orElse("");
      JsonNode json = null;
      if (type.startsWith("application/json")) {
        json = JSON.readTree(r.body());
      }
      return new Response(r.statusCode(), type, r.body(), json);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
