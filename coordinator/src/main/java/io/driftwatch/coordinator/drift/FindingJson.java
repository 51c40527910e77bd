package io.driftwatch.coordinator.drift;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;

/**
 * A finding as clients see it, in {@code GET /v1/drift} and as the data of {@code drift} / {@code
 * drift-resolved} notices: {@code actual}/{@code expected} null mean absent, {@code baseline} is
 * null for the default peers baseline, {@code exception} only appears on a silenced finding.
 */
public record FindingJson(
    String host,
    String key,
    String actual,
    String expected,
    String source,
    String baseline,
    Instant since,
    String severity,
    @JsonInclude(JsonInclude.Include.NON_NULL) String exception) {

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  public static FindingJson of(Finding f) {
    return new FindingJson(
        f.host(),
        f.key(),
        f.actual(),
        f.expected(),
        f.source().wire(),
        f.baseline(),
        f.since(),
        f.severity().wire(),
        f.exception());
  }

  /** The finding as one JSON object, for a notice's data. */
  public static String text(Finding f) {
    try {
      return MAPPER.writeValueAsString(of(f));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a finding did not serialize", e);
    }
  }
}
