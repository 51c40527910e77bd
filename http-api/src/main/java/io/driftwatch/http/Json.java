package io.driftwatch.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.marshalling.Marshaller;
import org.apache.pekko.http.javadsl.model.RequestEntity;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;

/**
 * JSON in and out of the API with Pekko's own Jackson ObjectMapper (ISO-8601 instants, unknown
 * fields ignored). Request bodies are parsed here so that a bad body gets a precise 400.
 */
final class Json {

  private final ObjectMapper mapper;
  private final Marshaller<Object, RequestEntity> marshaller;

  Json(ActorSystem<?> system) {
    this.mapper =
        JacksonObjectMapperProvider.get(system.classicSystem())
            .getOrCreate("driftwatch-api", Optional.empty());
    this.marshaller = Jackson.marshaller(mapper);
  }

  Marshaller<Object, RequestEntity> marshaller() {
    return marshaller;
  }

  /** Serialises a value that is known to be serialisable (one of the {@link Wire} records). */
  String write(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  /** Parses a request body; a syntax or type error becomes IllegalArgumentException with where. */
  <T> T parse(String body, Class<T> type) {
    if (body == null || body.isBlank()) {
      throw new IllegalArgumentException("request body is empty: expected a JSON object");
    }
    try {
      T value = mapper.readValue(body, type);
      if (value == null) {
        throw new IllegalArgumentException("request body is null: expected a JSON object");
      }
      return value;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      throw new IllegalArgumentException("invalid JSON body: " + e.getOriginalMessage() + where);
    }
  }
}
