package io.driftwatch.app;

import io.driftwatch.http.Version;
import io.driftwatch.node.fact.DurationText;
import io.driftwatch.node.simulate.Simulation;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code driftwatch demo}: a node with a simulated fleet and planted drift (see {@link DemoFleet}),
 * for a first look without any host to monitor; runs until Ctrl-C.
 */
@Command(
    name = "demo",
    description =
        "Run a node with 40 simulated hosts (roles web, db, cache) and planted drift until Ctrl-C.")
final class DemoCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--port", defaultValue = "8080", description = "HTTP port, 0 for any free one.")
  int port;

  @Option(
      names = "--data",
      description = "Data directory (default: a new temporary one, deleted at exit).")
  Path data;

  @Option(
      names = "--interval",
      defaultValue = "30s",
      description = "How often each simulated host is probed (default 30s).")
  String interval;

  @Option(
      names = "--facts",
      defaultValue = "2000",
      description = "Facts per simulated host (default 2000, at most 20000).")
  int facts;

  @Override
  public Integer call() throws IOException {
    boolean temporary = data == null;
    Path dataDir = temporary ? Files.createTempDirectory("driftwatch-demo-") : data;
    DemoFleet fleet = fleet(Clock.systemUTC());
    DriftwatchNode node;
    try {
      node = start(dataDir, fleet);
    } catch (RuntimeException e) {
      if (temporary) {
        deleteTree(dataDir);
      }
      throw e;
    }
    if (temporary) {
      // In the last shutdown phase, once the store is closed: on Ctrl-C the JVM exits as soon as
      // the shutdown completes, so this thread might never get to delete anything.
      CoordinatedShutdown.get(node.system())
          .addTask(
              CoordinatedShutdown.PhaseActorSystemTerminate(),
              "delete-demo-data",
              () -> {
                deleteTree(dataDir);
                return CompletableFuture.completedFuture(Done.getInstance());
              });
    }
    print(spec.commandLine().getOut(), node.url(), dataDir, fleet);
    node.whenStopped().toCompletableFuture().join();
    return 0;
  }

  /** The fleet as of now, validated before anything starts. */
  DemoFleet fleet(Clock clock) {
    if (facts < 1 || facts > Simulation.MAX_FACTS) {
      throw new IllegalArgumentException(
          "--facts " + facts + " is out of range: use 1 to " + Simulation.MAX_FACTS);
    }
    return new DemoFleet(
        clock.instant().truncatedTo(ChronoUnit.SECONDS), DurationText.parse(interval), facts);
  }

  /** Starts the node with the fleet as its inventory; for the command and its test. */
  DriftwatchNode start(Path dataDir, DemoFleet fleet) {
    Map<String, Object> overrides = new HashMap<>();
    overrides.put("driftwatch.data-dir", dataDir.toString());
    overrides.put("driftwatch.http.port", port);
    // Any free remoting port: a demo must not collide with a node already running here.
    overrides.put("pekko.remote.artery.canonical.port", 0);
    // The whole fleet's first probe at once: the planted drift is visible from the first second.
    overrides.put("driftwatch.probe.start-spread", "1s");
    return DriftwatchNode.start(NodeConfig.load(overrides, Optional.empty()), fleet.hosts());
  }

  private static void print(PrintWriter out, String url, Path dataDir, DemoFleet fleet) {
    String server = url.equals("http://127.0.0.1:8080") ? "" : " --server " + url;
    out.printf(
        "Driftwatch demo %s serving %s: 40 simulated hosts (web-01..20, db-01..10, cache-01..10),"
            + " %d facts each, probed every %s; data in %s. Ctrl-C stops it.%n%n",
        Version.current(), url, fleet.facts(), DurationText.format(fleet.interval()), dataDir);
    out.println("Planted:");
    fleet.planted().forEach(line -> out.println("  - " + line));
    out.println();
    out.println("Try:");
    out.println("  driftwatch hosts" + server);
    out.println("  driftwatch diff web-01 web-07" + server);
    out.println("  driftwatch diff db-01 db-04 --prefix sysctl:" + server);
    out.println("  driftwatch facts web-01 --prefix package:nginx" + server);
    out.println("  driftwatch changes cache-03" + server + "      (after a few minutes)");
    out.println("  driftwatch changes web-05 --prefix package:" + server + "  (after the rollout)");
    out.println("  curl '" + url + "/v1/diff?left=web-01&right=web-13'");
    out.flush();
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the demo's data directory " + dir, e);
    }
  }
}
