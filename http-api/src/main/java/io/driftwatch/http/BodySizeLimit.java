package io.driftwatch.http;

import java.util.OptionalLong;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Rejection;
import org.apache.pekko.http.javadsl.server.Rejections;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import scala.Option;

/**
 * A limit on the size of a request body that answers 413 to a body declared too large (by its
 * Content-Length) before reading any of it, and stops a body of unknown length (chunked) as soon as
 * it passes the limit. The 413 is the one {@link ErrorHandling} gives any body over its limit.
 *
 * <p>Pekko's {@code withSizeLimit} alone fails the body's stream when the route starts reading it;
 * pekko-http then closes the connection, racing the 413 (a client, most of all a node's first one,
 * can see a reset instead), and the connection's unread bytes reset it too while the client is
 * still sending.
 */
final class BodySizeLimit extends AllDirectives {

  private final long maxBytes;

  BodySizeLimit(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  Route apply(Supplier<Route> inner) {
    return extractRequest(
        request -> {
          OptionalLong declared = request.entity().getContentLengthOption();
          if (declared.isPresent() && declared.getAsLong() > maxBytes) {
            return refuse(request, declared.getAsLong());
          }
          return withSizeLimit(maxBytes, inner);
        });
  }

  private Route refuse(HttpRequest request, long declared) {
    Rejection tooLarge =
        Rejections.malformedRequestContent(
            "request body too large",
            new EntityStreamSizeException(maxBytes, Option.apply(declared)));
    if (expectsContinue(request)) {
      // The client waits for "100 Continue" before sending the body. pekko-http sends that only
      // when the route reads the body; answered without, the client gets the 413 instead and never
      // sends the body (pekko-http then closes the connection).
      return reject(tooLarge);
    }
    // The client is sending the body right now: closing the connection with bytes of it unread
    // resets it, and the client can lose the 413. Reading and dropping the body first lets it read
    // the answer, and keeps the connection. Beyond the server's own limit
    // (pekko.http.server.parsing.max-content-length) the body is not worth reading: answer at once.
    return extractParserSettings(
        parser ->
            declared > parser.getMaxContentLength()
                ? reject(tooLarge)
                : extractMaterializer(
                    materializer ->
                        onComplete(
                            request.discardEntityBytes(materializer).completionStage(),
                            drained -> reject(tooLarge))));
  }

  private static boolean expectsContinue(HttpRequest request) {
    return request
        .getHeader("Expect")
        .map(expect -> expect.value().equalsIgnoreCase("100-continue"))
        .orElse(false);
  }
}
