package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.node.testing.FixtureHost;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream client that reads nothing while thousands of events arrive: once the socket buffers are
 * full the server keeps at most {@code client-buffer} events for it ({@code
 * driftwatch_stream_buffered_events} in {@code /metrics}) however many more arrive, and when the
 * client reads again it finds a final {@code dropped} event and the stream's end.
 */
class StreamBackPressureTest {

  private static final int BUFFER = 200;
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir static Path tmp;
  private static DriftwatchNode node;
  private static Api api;

  @BeforeAll
  static void start() {
    node =
        DriftwatchNode.start(
            TestNode.config(
                tmp.resolve("data"),
                Map.of(
                    "driftwatch.stream.client-buffer",
                    BUFFER,
                    // Small socket buffers, so that the client's silence reaches the server soon.
                    "pekko.http.server.socket-options.so-send-buffer-size",
                    "8k")));
    api = new Api(node.url());
  }

  @AfterAll
  static void stop() {
    node.stop();
  }

  @Test
  void aClientThatReadsNothingIsDroppedWithAFinalEventAndCostsABoundedBuffer() throws Exception {
    Path root = tmp.resolve("hosts/slow");
    FixtureHost.debian12().writeTo(root);
    assertThat(api.registerLocal("slow", root, "{\"role\":\"slow\"}").status()).isEqualTo(201);
    probe();

    URI uri = URI.create(node.url());
    try (Socket socket = new Socket()) {
      socket.setReceiveBufferSize(4096);
      socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /v1/stream?kinds=change HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Eventually.within(WAIT, () -> assertThat(gauge("driftwatch_stream_clients")).isEqualTo(1));

      // Thousands of changes while the client reads nothing.
      long maxBuffered = 0;
      int events = 0;
      for (int round = 1; round <= 4; round++) {
        FixtureHost h = FixtureHost.debian12();
        for (int i = 0; i < 800; i++) {
          h = h.withPackage("p" + i, round + "." + i);
        }
        h.writeTo(root);
        events += probe();
        Eventually.within(
            WAIT, () -> assertThat(gauge("driftwatch_stream_buffered_events")).isPositive());
        maxBuffered = Math.max(maxBuffered, gauge("driftwatch_stream_buffered_events"));
      }
      assertThat(events).isGreaterThan(3000);
      // Stuck: what the socket buffers took is gone from the queue, the rest waits, no more.
      assertThat(maxBuffered).isBetween(1L, BUFFER + 1L);
      assertThat(gauge("driftwatch_stream_clients")).isEqualTo(1);

      // Reading now: what was in the pipes, then the final event, then the end.
      socket.setSoTimeout((int) WAIT.toMillis());
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      List<String> kinds = new ArrayList<>();
      String lastData = null;
      String line;
      while ((line = in.readLine()) != null && !line.equals("0")) {
        if (line.startsWith("event:")) {
          kinds.add(line.substring(6).strip());
        } else if (line.startsWith("data:")) {
          lastData = line;
        }
      }
      assertThat(kinds).isNotEmpty().hasSizeLessThan(events);
      assertThat(kinds.get(kinds.size() - 1)).isEqualTo("dropped");
      assertThat(kinds.subList(0, kinds.size() - 1)).containsOnly("change");
      assertThat(lastData).contains("\"lastId\"");
    }
    Eventually.within(
        WAIT,
        () -> {
          assertThat(gauge("driftwatch_stream_clients")).isZero();
          assertThat(gauge("driftwatch_stream_buffered_events")).isZero();
        });
  }

  private static int probe() {
    Api.Response r = api.post("/v1/hosts/slow/probe");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("changes").asInt();
  }

  private static long gauge(String name) {
    for (String line : api.get("/metrics").body().split("\n")) {
      if (line.startsWith(name + " ")) {
        return (long) Double.parseDouble(line.substring(name.length() + 1).strip());
      }
    }
    throw new AssertionError(name + " not in /metrics");
  }
}
