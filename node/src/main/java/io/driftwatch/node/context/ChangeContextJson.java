package io.driftwatch.node.context;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.driftwatch.node.fact.ChangeContext;
import io.driftwatch.node.fact.ChangeContext.HostRecord;
import io.driftwatch.node.fact.ChangeContext.Login;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one JSON form of a {@link ChangeContext}: how the stores keep it (a text column), how the
 * spool carries it and what the API shows. Empty members are omitted, times are ISO-8601 UTC:
 *
 * <pre>{"at":"…","actor":"alice","records":[{"source","at","actor","action","detail"}],
 *  "logins":[{"user","from","start","end"}]}</pre>
 */
public final class ChangeContextJson {

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private ChangeContextJson() {}

  /** The JSON object, or null for a context that says nothing (stored as NULL, not shown). */
  public static String encode(ChangeContext context) {
    if (context == null || context.isEmpty()) {
      return null;
    }
    StringWriter text = new StringWriter(128);
    try (JsonGenerator out = JSON.createGenerator(text)) {
      out.writeStartObject();
      time(out, "at", context.at());
      string(out, "actor", context.actor());
      if (!context.records().isEmpty()) {
        out.writeArrayFieldStart("records");
        for (HostRecord r : context.records()) {
          out.writeStartObject();
          string(out, "source", r.source());
          time(out, "at", r.at());
          string(out, "actor", r.actor());
          string(out, "action", r.action());
          string(out, "detail", r.detail());
          out.writeEndObject();
        }
        out.writeEndArray();
      }
      if (!context.logins().isEmpty()) {
        out.writeArrayFieldStart("logins");
        for (Login l : context.logins()) {
          out.writeStartObject();
          string(out, "user", l.user());
          string(out, "from", l.from());
          time(out, "start", l.start());
          time(out, "end", l.end());
          out.writeEndObject();
        }
        out.writeEndArray();
      }
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a change context", e);
    }
    return text.toString();
  }

  /**
   * Reads what {@link #encode} wrote; null or blank is {@link ChangeContext#NONE}. Members it does
   * not know are skipped, so a newer writer's additions do not break an older reader.
   *
   * @throws IllegalArgumentException when the text is not such an object
   */
  public static ChangeContext decode(String json) {
    if (json == null || json.isBlank()) {
      return ChangeContext.NONE;
    }
    try (JsonParser in = JSON.createParser(json)) {
      if (in.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("a change context is not a JSON object");
      }
      Instant at = null;
      String actor = null;
      List<HostRecord> records = new ArrayList<>();
      List<Login> logins = new ArrayList<>();
      while (in.nextToken() == JsonToken.FIELD_NAME) {
        String field = in.currentName();
        in.nextToken();
        switch (field) {
          case "at" -> at = instant(in);
          case "actor" -> actor = text(in);
          case "records" -> {
            requireArray(in, field);
            while (in.nextToken() == JsonToken.START_OBJECT) {
              records.add(record(in));
            }
          }
          case "logins" -> {
            requireArray(in, field);
            while (in.nextToken() == JsonToken.START_OBJECT) {
              Login login = login(in);
              if (login != null) {
                logins.add(login);
              }
            }
          }
          default -> in.skipChildren();
        }
      }
      return new ChangeContext(at, actor, records, logins);
    } catch (IOException | DateTimeParseException e) {
      throw new IllegalArgumentException("a change context is corrupt: " + e.getMessage(), e);
    }
  }

  private static HostRecord record(JsonParser in) throws IOException {
    String source = null;
    Instant at = null;
    String actor = null;
    String action = null;
    String detail = null;
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String field = in.currentName();
      in.nextToken();
      switch (field) {
        case "source" -> source = text(in);
        case "at" -> at = instant(in);
        case "actor" -> actor = text(in);
        case "action" -> action = text(in);
        case "detail" -> detail = text(in);
        default -> in.skipChildren();
      }
    }
    return new HostRecord(source == null ? "unknown" : source, at, actor, action, detail);
  }

  private static Login login(JsonParser in) throws IOException {
    String user = null;
    String from = null;
    Instant start = null;
    Instant end = null;
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String field = in.currentName();
      in.nextToken();
      switch (field) {
        case "user" -> user = text(in);
        case "from" -> from = text(in);
        case "start" -> start = instant(in);
        case "end" -> end = instant(in);
        default -> in.skipChildren();
      }
    }
    return user == null || start == null ? null : new Login(user, from, start, end);
  }

  private static void requireArray(JsonParser in, String field) {
    if (in.currentToken() != JsonToken.START_ARRAY) {
      throw new IllegalArgumentException("a change context's " + field + " is not an array");
    }
  }

  private static String text(JsonParser in) throws IOException {
    return in.currentToken() == JsonToken.VALUE_NULL ? null : in.getText();
  }

  private static Instant instant(JsonParser in) throws IOException {
    String text = text(in);
    return text == null ? null : Instant.parse(text);
  }

  private static void string(JsonGenerator out, String field, String value) throws IOException {
    if (value != null) {
      out.writeStringField(field, value);
    }
  }

  private static void time(JsonGenerator out, String field, Instant value) throws IOException {
    if (value != null) {
      out.writeStringField(field, value.toString());
    }
  }
}
