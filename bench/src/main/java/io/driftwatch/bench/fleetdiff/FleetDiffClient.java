package io.driftwatch.bench.fleetdiff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/** {@code GET /v1/fleet/diff} over HTTP, as a user's client asks it, timed to the last byte. */
final class FleetDiffClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /**
   * One answer: how long it took, its size, and what it says.
   *
   * @param hosts hosts selected
   * @param answered hosts compared or known not probed
   * @param missing hosts of members that did not answer in time
   * @param count keys on which the hosts disagree
   */
  record Answer(double millis, int bytes, int hosts, int answered, int missing, int count) {}

  Answer diff(int port, String selector, Instant at) {
    String query =
        "selector="
            + URLEncoder.encode(selector, StandardCharsets.UTF_8)
            + (at == null ? "" : "&at=" + at);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/fleet/diff?" + query))
            .timeout(Duration.ofMinutes(3))
            .build();
    try {
      long start = System.nanoTime();
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      double millis = (System.nanoTime() - start) / 1e6;
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "GET /v1/fleet/diff?" + query + ": " + response.statusCode() + " " + body(response));
      }
      JsonNode answer = JSON.readTree(response.body());
      return new Answer(
          millis,
          response.body().length,
          answer.get("hosts").asInt(),
          answer.get("answered").asInt() + answer.get("notProbed").size(),
          answer.get("missing").size(),
          answer.get("count").asInt());
    } catch (IOException e) {
      throw new IllegalStateException("GET /v1/fleet/diff?" + query, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String body(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }
}
