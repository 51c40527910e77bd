package io.driftwatch.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server standing in for a webhook endpoint: answers the first {@code failures} POSTs
 * with 500, then 204, and records every POST (accepted or not) with its event id header.
 */
final class WebhookReceiver implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One POST: its event id header, its body, whether it was accepted. */
  record Post(String eventId, String signature, JsonNode body, boolean accepted) {}

  private final HttpServer server;
  private final AtomicInteger failuresLeft;
  private final List<Post> posts = new CopyOnWriteArrayList<>();

  WebhookReceiver(int failures) {
    this.failuresLeft = new AtomicInteger(failures);
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private void handle(HttpExchange exchange) throws IOException {
    JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
    boolean accept = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) == 0;
    posts.add(
        new Post(
            exchange.getRequestHeaders().getFirst("X-Driftwatch-Event-Id"),
            exchange.getRequestHeaders().getFirst("X-Driftwatch-Signature"),
            body,
            accept));
    exchange.sendResponseHeaders(accept ? 204 : 500, -1);
    exchange.close();
  }

  List<Post> posts() {
    return List.copyOf(posts);
  }

  List<Post> accepted() {
    return posts.stream().filter(Post::accepted).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
