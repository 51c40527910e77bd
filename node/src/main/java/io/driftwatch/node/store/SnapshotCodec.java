package io.driftwatch.node.store;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.driftwatch.node.fact.FactSet;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The stored form of a full snapshot: the fact map as one JSON object ({@code {"key":"value",...}}
 * in key order), gzip-compressed. Fact sets are highly repetitive text (package names, versions),
 * so they shrink several times over.
 */
public final class SnapshotCodec {

  // Streaming rather than data binding: a snapshot can hold hundreds of thousands of facts and
  // this avoids building a second map on the way in and out.
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private SnapshotCodec() {}

  /** The facts as gzip-compressed JSON. */
  public static byte[] encode(FactSet facts) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + facts.size() * 16);
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes);
        JsonGenerator out = JSON.createGenerator(gzip, JsonEncoding.UTF8)) {
      out.writeStartObject();
      for (Map.Entry<String, String> fact : facts.asMap().entrySet()) {
        out.writeStringField(fact.getKey(), fact.getValue());
      }
      out.writeEndObject();
    } catch (IOException e) {
      // Only memory is written; an IOException here is a bug, not an environment problem.
      throw new UncheckedIOException("cannot encode snapshot", e);
    }
    return bytes.toByteArray();
  }

  /**
   * Reads what {@link #encode} wrote; throws {@link IllegalArgumentException} when the blob is
   * corrupt or holds an invalid fact.
   */
  public static FactSet decode(byte[] blob) {
    Map<String, String> facts = new TreeMap<>();
    try (JsonParser in = JSON.createParser(new GZIPInputStream(new ByteArrayInputStream(blob)))) {
      if (in.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("snapshot is not a JSON object");
      }
      while (in.nextToken() == JsonToken.FIELD_NAME) {
        String key = in.currentName();
        if (in.nextToken() != JsonToken.VALUE_STRING) {
          throw new IllegalArgumentException("snapshot value of " + key + " is not a string");
        }
        facts.put(key, in.getText());
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("snapshot is corrupt: " + e.getMessage(), e);
    }
    return FactSet.of(facts);
  }
}
