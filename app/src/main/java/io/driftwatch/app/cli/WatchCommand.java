package io.driftwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.coordinator.stream.EventLine;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code driftwatch watch [SELECTOR] [--kinds …] [--json]}: follows {@code GET /v1/stream}, one
 * line per event, and reconnects with {@code Last-Event-ID} when the connection drops (or the
 * server drops it for falling behind), so nothing is missed within the server's retention.
 */
@Command(
    name = "watch",
    description =
        "Follow notifications as they happen (changes, change sets, drift, host status, flaps);"
            + " reconnects and resumes by itself.")
public final class WatchCommand extends ClientCommand {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration MAX_RETRY = Duration.ofSeconds(30);

  @Parameters(index = "0", arity = "0..1", paramLabel = "SELECTOR", description = "e.g. role=web")
  String selector;

  @Option(
      names = {"-k", "--kinds"},
      description =
          "Kinds to follow, comma-separated: change, change-set, drift, drift-resolved,"
              + " host-status, flap (default: all but per-host change).")
  String kinds;

  @Option(
      names = "--count",
      description = "Stop after this many events (default: follow until interrupted).")
  Integer count;

  private String lastId;
  private int seen;

  @Override
  protected int run(ApiClient api) {
    Duration retry = FIRST_RETRY;
    while (true) {
      try {
        api.follow(
            "/v1/stream",
            ApiClient.params("selector", selector, "kinds", kinds),
            lastId,
            this::show);
        if (done()) {
          return EXIT_OK;
        }
        retry = FIRST_RETRY; // the server ended the stream (e.g. dropped us): resume at once
      } catch (ApiClient.Unreachable e) {
        spec.commandLine().getErr().println("driftwatch: " + e.getMessage() + "; reconnecting");
        spec.commandLine().getErr().flush();
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(retry.toMillis()));
        retry = retry.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retry.multipliedBy(2);
      }
    }
  }

  /** Prints one event; false once {@code --count} events are shown. */
  private boolean show(ApiClient.Event event) {
    if (event.id() != null) {
      lastId = event.id();
    }
    if (json()) {
      ObjectNode line = JSON.createObjectNode();
      line.put("id", event.id());
      line.put("kind", event.kind());
      line.set("data", event.data());
      out().println(line.toString());
    } else if (event.kind().equals("dropped")) {
      out().println(time(Instant.now().toString()) + " (fell behind: resuming)");
    } else if (event.kind().equals("reset")) {
      out().println(time(Instant.now().toString()) + " (some events were missed while away)");
    } else {
      out().println(time(when(event.data())) + "  " + EventLine.of(event.kind(), event.data()));
    }
    out().flush();
    if (event.id() != null) {
      seen++;
    }
    return !done();
  }

  private boolean done() {
    return count != null && seen >= count;
  }

  private static String when(JsonNode data) {
    for (String field : new String[] {"detectedAt", "since", "last", "at"}) {
      if (data.hasNonNull(field)) {
        return data.get(field).asText();
      }
    }
    return Instant.now().toString();
  }

  private static String time(String iso) {
    return time(JSON.getNodeFactory().textNode(iso));
  }
}
