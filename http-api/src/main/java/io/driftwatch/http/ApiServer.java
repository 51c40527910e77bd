package io.driftwatch.http;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Binds the API and ties it to coordinated shutdown, so Ctrl-C stops accepting requests, lets
 * running ones finish, then stops the node.
 */
public final class ApiServer {

  private static final Duration DRAIN = Duration.ofSeconds(10);

  private ApiServer() {}

  /** Binds {@code routes} on host:port (port 0 = any free port; the binding says which). */
  public static CompletionStage<ServerBinding> start(
      ActorSystem<?> system, Route routes, String host, int port) {
    return Http.get(system)
        .newServerAt(host, port)
        .bind(routes)
        .thenApply(binding -> binding.addToCoordinatedShutdown(DRAIN, system));
  }
}
