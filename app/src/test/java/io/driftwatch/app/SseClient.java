package io.driftwatch.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Server-Sent Events client for tests (java.net.http): reads {@code event:}, {@code id:},
 * {@code data:} blocks on a thread of its own into a queue; {@link #close()} drops the connection.
 */
final class SseClient implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One event as received. */
  record Event(String kind, String id, JsonNode data) {
    long idNumber() {
      return Long.parseLong(id);
    }
  }

  private final HttpResponse<Stream<String>> response;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final Thread reader;
  private volatile boolean ended;

  private SseClient(HttpResponse<Stream<String>> response) {
    this.response = response;
    this.reader = new Thread(this::read, "sse-client");
    reader.setDaemon(true);
    reader.start();
  }

  /** Connects to {@code base + pathAndQuery}, optionally resuming after {@code lastEventId}. */
  static SseClient connect(String base, String pathAndQuery, String lastEventId) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery))
            .header("Accept", "text/event-stream");
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    try {
      HttpResponse<Stream<String>> response =
          HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofLines());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("stream answered " + response.statusCode());
      }
      return new SseClient(response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void read() {
    String kind = "message";
    String id = null;
    StringBuilder data = new StringBuilder();
    try {
      Iterator<String> lines = response.body().iterator();
      while (lines.hasNext()) {
        String line = lines.next();
        if (line.isEmpty()) {
          if (data.length() > 0) {
            events.add(new Event(kind, id, JSON.readTree(data.toString())));
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
    } catch (IOException | RuntimeException e) {
      // the connection was closed: by us, or by the server
    } finally {
      ended = true;
    }
  }

  /** The next event within {@code timeout}; fails if none came. */
  Event next(Duration timeout) throws InterruptedException {
    Event e = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (e == null) {
      throw new AssertionError("no event within " + timeout);
    }
    return e;
  }

  /** Exactly {@code n} next events, each within {@code timeout} of the one before. */
  List<Event> next(int n, Duration timeout) throws InterruptedException {
    List<Event> out = new ArrayList<>();
    while (out.size() < n) {
      out.add(next(timeout));
    }
    return out;
  }

  /** Whether the server ended the stream (and everything it sent has been read). */
  boolean ended() {
    return ended;
  }

  @Override
  public void close() {
    response.body().close();
  }
}
