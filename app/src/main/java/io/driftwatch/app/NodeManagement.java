package io.driftwatch.app;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.management.cluster.bootstrap.ClusterBootstrap;
import org.apache.pekko.management.javadsl.PekkoManagement;

/**
 * Pekko Management for a node: the management HTTP server ({@code /alive}, {@code /ready}) and
 * cluster bootstrap, which discovers the other members (e.g. pods through the Kubernetes API) and
 * joins them or, if none has formed a cluster yet, lets the lowest address form one.
 */
final class NodeManagement {

  private NodeManagement() {}

  /**
   * Starts the management server if {@code settings} need it and waits until it is bound, so that a
   * port in use fails the start.
   */
  static void startManagement(
      ActorSystem<?> system, ManagementSettings settings, Duration timeout) {
    if (!settings.serverNeeded()) {
      return;
    }
    try {
      PekkoManagement.get(system)
          .start()
          .toCompletableFuture()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(
          "the management server did not start: " + e.getCause().getMessage(), e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(
          "the management server did not start within " + timeout.toSeconds() + "s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the management server", e);
    }
  }

  /**
   * Starts cluster bootstrap; the member joins whatever cluster its discovered peers form. Fails if
   * the discovery method cannot start, e.g. kubernetes-api outside a pod (no service account).
   */
  static void bootstrap(ActorSystem<?> system, ManagementSettings settings) {
    try {
      ClusterBootstrap.get(system).start();
    } catch (Exception e) {
      // Also checked exceptions: discovery (Scala) throws e.g. NoSuchFileException undeclared.
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      throw new IllegalStateException(
          "cluster bootstrap with discovery method '"
              + settings.discovery()
              + "' did not start: "
              + cause.getClass().getSimpleName()
              + ": "
              + cause.getMessage(),
          e);
    }
  }
}
