package io.driftwatch.http;

import io.driftwatch.coordinator.ConflictException;
import io.driftwatch.coordinator.Failures;
import io.driftwatch.coordinator.NotFoundException;
import io.driftwatch.coordinator.UnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.MalformedRequestContentRejection;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into a JSON {@code {"error","detail"}} response: bad input 400, unknown
 * things 404, a conflict with what someone else owns 409 (detail names the owners), a body over its
 * limit 413, unavailable store or host 503, Pekko's own rejections (405, 415 …) with their status.
 * Never a stack trace; an unexpected exception is logged here once and answered with a plain 500.
 */
final class ErrorHandling extends AllDirectives {

  private static final Logger log = LoggerFactory.getLogger(ErrorHandling.class);

  private final Json json;

  ErrorHandling(Json json) {
    this.json = json;
  }

  Route wrap(Route inner) {
    return handleExceptions(exceptions(), () -> handleRejections(rejections(), () -> inner));
  }

  private ExceptionHandler exceptions() {
    return ExceptionHandler.newBuilder().matchAny(this::respond).build();
  }

  private Route respond(Throwable error) {
    Throwable cause = Failures.unwrap(error);
    if (cause instanceof IllegalArgumentException) {
      return error(StatusCodes.BAD_REQUEST, "bad request", cause.getMessage());
    }
    if (cause instanceof NotFoundException) {
      return error(StatusCodes.NOT_FOUND, "not found", cause.getMessage());
    }
    if (cause instanceof ConflictException c) {
      return error(
          StatusCodes.CONFLICT, "conflict", Map.of("message", c.getMessage(), "hosts", c.owners()));
    }
    if (cause instanceof UnavailableException || cause instanceof TimeoutException) {
      return error(StatusCodes.SERVICE_UNAVAILABLE, "unavailable", cause.getMessage());
    }
    log.error("Unexpected failure answering a request", cause);
    return error(
        StatusCodes.INTERNAL_SERVER_ERROR, "internal error", "see the node's log for details");
  }

  Route error(StatusCode status, String error, Object detail) {
    return complete(status, new Wire.Error(error, detail), json.marshaller());
  }

  /**
   * Pekko's default rejection handling, with its plain-text answers turned into JSON, except for
   * bodies over their limit, whose default answer names Pekko's internals and settings.
   */
  private RejectionHandler rejections() {
    return RejectionHandler.newBuilder()
        .handle(MalformedRequestContentRejection.class, this::malformedContent)
        .build()
        .withFallback(RejectionHandler.defaultHandler())
        .mapRejectionResponse(this::asJson);
  }

  private Route malformedContent(MalformedRequestContentRejection rejection) {
    if (rejection.getCause() instanceof EntityStreamSizeException s) {
      return error(
          StatusCodes.CONTENT_TOO_LARGE,
          "content too large",
          "the request body is larger than " + s.limit() + " bytes");
    }
    return error(StatusCodes.BAD_REQUEST, "bad request", rejection.message());
  }

  private HttpResponse asJson(HttpResponse response) {
    if (!(response.entity() instanceof HttpEntity.Strict strict)
        || strict.getContentType().equals(ContentTypes.APPLICATION_JSON)) {
      return response;
    }
    String text = strict.getData().decodeString(StandardCharsets.UTF_8);
    String error = response.status().reason().toLowerCase(Locale.ROOT);
    return response.withEntity(
        HttpEntities.create(
            ContentTypes.APPLICATION_JSON, json.write(new Wire.Error(error, text))));
  }
}
