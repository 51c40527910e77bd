package io.driftwatch.coordinator.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a webhook POST carries: in json format one event {@code {"id","kind","data","at"}}; in slack
 * format {@code {"text": …}} with one line per event, so a burst is one message.
 */
final class WebhookBody {

  private static final ObjectMapper JSON = new ObjectMapper();

  private WebhookBody() {}

  static String json(StreamEvent event) {
    ObjectNode out = JSON.createObjectNode();
    out.put("id", event.id());
    out.put("kind", event.kind());
    out.set("data", data(event));
    out.put("at", event.at().toString());
    return out.toString();
  }

  static String slack(List<StreamEvent> events) {
    ObjectNode out = JSON.createObjectNode();
    out.put(
        "text",
        events.stream()
            .map(e -> EventLine.of(e.kind(), data(e)))
            .collect(Collectors.joining("\n")));
    return out.toString();
  }

  /** {@code sha256=HEX} of the body under the sink's secret. */
  static String signature(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256="
          + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static JsonNode data(StreamEvent event) {
    try {
      return JSON.readTree(event.json());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
