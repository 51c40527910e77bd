package io.driftwatch.node.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.node.context.ChangeContextJson;
import io.driftwatch.node.fact.ChangeEvent;
import java.time.Instant;
import java.util.Map;

/**
 * The notices a host entity publishes, built from what it already holds: one {@code change} per
 * recorded change event, one {@code host-status} when the host is lost or comes back.
 */
public final class HostNotices {

  public static final String CHANGE = "change";
  public static final String HOST_STATUS = "host-status";

  private static final ObjectMapper JSON = new ObjectMapper();

  private HostNotices() {}

  /**
   * {@code {"host","key","old","new","detectedAt","window":{"from","to"}[,"context":{…}]}}; absent
   * values are null; {@code context} (what the host's own records say: exact time, actor) only when
   * something is known, in the same form as the API's changes.
   */
  public static Notice change(ChangeEvent change, Map<String, String> tags) {
    ObjectNode data = JSON.createObjectNode();
    data.put("host", change.host());
    data.put("key", change.key());
    data.put("old", change.oldValue());
    data.put("new", change.newValue());
    data.put("detectedAt", change.detectedAt().toString());
    ObjectNode window = data.putObject("window");
    window.put("from", change.windowFrom() == null ? null : change.windowFrom().toString());
    window.put("to", change.detectedAt().toString());
    if (!change.context().isEmpty()) {
      try {
        data.set("context", JSON.readTree(ChangeContextJson.encode(change.context())));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("change context did not encode as JSON", e);
      }
    }
    return new Notice(CHANGE, change.host(), tags, data.toString(), change.detectedAt());
  }

  /**
   * {@code {"host","status","previous","reason","detail","since"}}: status {@code ok} or {@code
   * unreachable}; reason and detail say why a host is unreachable (null when ok).
   */
  public static Notice status(
      String host,
      Map<String, String> tags,
      String status,
      String previous,
      String reason,
      String detail,
      Instant since) {
    ObjectNode data = JSON.createObjectNode();
    data.put("host", host);
    data.put("status", status);
    data.put("previous", previous);
    data.put("reason", reason);
    data.put("detail", detail);
    data.put("since", since.toString());
    return new Notice(HOST_STATUS, host, tags, data.toString(), since);
  }
}
