package io.driftwatch.node.store;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.driftwatch.node.context.ChangeContextJson;
import io.driftwatch.node.fact.ChangeContext;
import io.driftwatch.node.fact.ChangeEvent;
import io.driftwatch.node.fact.FactSet;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The spooled form of a {@link ProbeRecord}: one gzip-compressed JSON object with the field names
 * written out here, so that a record spooled by one version is still read after an upgrade.
 *
 * <pre>{"v":1,"host":"web-1","probedAt":MILLIS,"observed":true,
 *  "changes":[{"id","key","old","new","from":MILLIS|null,"at":MILLIS,"context":{…} (only when
 *  known, as ChangeContextJson writes it)}],
 *  "snapshot":{"key":"value",...} (only when present),"contents":{"sha256":"text",...}}</pre>
 */
final class ProbeRecordCodec {

  private static final int VERSION = 1;

  // Streaming rather than data binding: a record's snapshot can hold hundreds of thousands of
  // facts.
  private static final JsonFactory JSON = JsonFactory.builder().build();

  /** A change as spooled: its host is the record's, written once. */
  private record Change(
      String id,
      String key,
      String oldValue,
      String newValue,
      Instant from,
      Instant at,
      ChangeContext context) {

    ChangeEvent of(String host) {
      return new ChangeEvent(id, host, key, oldValue, newValue, from, at, context);
    }
  }

  private ProbeRecordCodec() {}

  static byte[] encode(ProbeRecord probe) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes);
        JsonGenerator out = JSON.createGenerator(gzip, JsonEncoding.UTF8)) {
      out.writeStartObject();
      out.writeNumberField("v", VERSION);
      out.writeStringField("host", probe.host());
      out.writeNumberField("probedAt", probe.probedAt().toEpochMilli());
      out.writeBooleanField("observed", probe.observed());
      out.writeArrayFieldStart("changes");
      for (ChangeEvent change : probe.changes()) {
        writeChange(out, change);
      }
      out.writeEndArray();
      if (probe.snapshot().isPresent()) {
        writeMap(out, "snapshot", probe.snapshot().get().asMap());
      }
      writeMap(out, "contents", probe.contents());
      out.writeEndObject();
    } catch (IOException e) {
      // Only memory is written; an IOException here is a bug, not an environment problem.
      throw new UncheckedIOException("cannot encode a probe record", e);
    }
    return bytes.toByteArray();
  }

  /** Reads what {@link #encode} wrote; {@link IllegalArgumentException} when it is corrupt. */
  static ProbeRecord decode(byte[] blob) {
    try (JsonParser in = JSON.createParser(new GZIPInputStream(new ByteArrayInputStream(blob)))) {
      expect(in, JsonToken.START_OBJECT, "a record");
      String host = null;
      Long probedAt = null;
      boolean observed = true;
      List<Change> changes = List.of();
      Optional<FactSet> snapshot = Optional.empty();
      Map<String, String> contents = Map.of();
      while (in.nextToken() == JsonToken.FIELD_NAME) {
        String field = in.currentName();
        in.nextToken();
        switch (field) {
          case "v" -> {
            if (in.getIntValue() != VERSION) {
              throw new IllegalArgumentException(
                  "spooled record of format version " + in.getText() + ", not " + VERSION);
            }
          }
          case "host" -> host = in.getText();
          case "probedAt" -> probedAt = in.getLongValue();
          case "observed" -> observed = in.getBooleanValue();
          case "changes" -> changes = readChanges(in);
          case "snapshot" -> snapshot = Optional.of(FactSet.of(readMap(in)));
          case "contents" -> contents = readMap(in);
          default -> in.skipChildren();
        }
      }
      if (host == null || probedAt == null) {
        throw new IllegalArgumentException("spooled record without host or probe time");
      }
      List<ChangeEvent> events = new ArrayList<>(changes.size());
      for (Change change : changes) {
        events.add(change.of(host));
      }
      return new ProbeRecord(
          host, Instant.ofEpochMilli(probedAt), events, snapshot, contents, observed);
    } catch (IOException e) {
      throw new IllegalArgumentException("spooled record is corrupt: " + e.getMessage(), e);
    }
  }

  private static void writeChange(JsonGenerator out, ChangeEvent change) throws IOException {
    out.writeStartObject();
    out.writeStringField("id", change.id());
    out.writeStringField("key", change.key());
    out.writeStringField("old", change.oldValue());
    out.writeStringField("new", change.newValue());
    if (change.windowFrom() == null) {
      out.writeNullField("from");
    } else {
      out.writeNumberField("from", change.windowFrom().toEpochMilli());
    }
    out.writeNumberField("at", change.detectedAt().toEpochMilli());
    String context = ChangeContextJson.encode(change.context());
    if (context != null) {
      // Raw: the context's own JSON object, not a string holding it.
      out.writeFieldName("context");
      out.writeRawValue(context);
    }
    out.writeEndObject();
  }

  private static void writeMap(JsonGenerator out, String field, Map<String, String> map)
      throws IOException {
    out.writeObjectFieldStart(field);
    for (Map.Entry<String, String> entry : map.entrySet()) {
      out.writeStringField(entry.getKey(), entry.getValue());
    }
    out.writeEndObject();
  }

  private static List<Change> readChanges(JsonParser in) throws IOException {
    if (in.currentToken() != JsonToken.START_ARRAY) {
      throw new IllegalArgumentException("spooled changes are not a JSON array");
    }
    List<Change> changes = new ArrayList<>();
    while (in.nextToken() == JsonToken.START_OBJECT) {
      changes.add(readChange(in));
    }
    return changes;
  }

  private static Change readChange(JsonParser in) throws IOException {
    String id = null;
    String key = null;
    String oldValue = null;
    String newValue = null;
    Instant from = null;
    Instant at = null;
    ChangeContext context = ChangeContext.NONE;
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String field = in.currentName();
      JsonToken value = in.nextToken();
      boolean isNull = value == JsonToken.VALUE_NULL;
      switch (field) {
        case "id" -> id = in.getText();
        case "key" -> key = in.getText();
        case "old" -> oldValue = isNull ? null : in.getText();
        case "new" -> newValue = isNull ? null : in.getText();
        case "from" -> from = isNull ? null : Instant.ofEpochMilli(in.getLongValue());
        case "at" -> at = Instant.ofEpochMilli(in.getLongValue());
        case "context" -> context = readContext(in);
        default -> in.skipChildren();
      }
    }
    if (id == null || key == null || at == null) {
      throw new IllegalArgumentException("spooled change without id, key or time");
    }
    return new Change(id, key, oldValue, newValue, from, at, context);
  }

  /** The context object under the parser, re-read as text by its one codec. */
  private static ChangeContext readContext(JsonParser in) throws IOException {
    if (in.currentToken() != JsonToken.START_OBJECT) {
      in.skipChildren();
      return ChangeContext.NONE;
    }
    StringWriter text = new StringWriter();
    try (JsonGenerator copy = JSON.createGenerator(text)) {
      copy.copyCurrentStructure(in);
    }
    return ChangeContextJson.decode(text.toString());
  }

  private static Map<String, String> readMap(JsonParser in) throws IOException {
    if (in.currentToken() != JsonToken.START_OBJECT) {
      throw new IllegalArgumentException("spooled map is not a JSON object");
    }
    Map<String, String> map = new TreeMap<>();
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String key = in.currentName();
      if (in.nextToken() != JsonToken.VALUE_STRING) {
        throw new IllegalArgumentException("spooled value of " + key + " is not a string");
      }
      map.put(key, in.getText());
    }
    return map;
  }

  private static void expect(JsonParser in, JsonToken token, String what) throws IOException {
    if (in.nextToken() != token) {
      throw new IllegalArgumentException("spooled record is not " + what);
    }
  }
}
