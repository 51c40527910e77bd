package io.driftwatch.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Cassandra node of a test's own, started and stopped through the project's script ({@code
 * cassandra-schema/local-cassandra}) with a home under {@code target/} and free ports, so that a
 * test may stop it without disturbing the node the other tests share.
 */
final class OwnCassandra {

  private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(4);

  private final Path script;
  private final Path home;
  private final int port;
  private final Map<String, String> settings;

  private OwnCassandra(Path script, Path home, int port, Map<String, String> settings) {
    this.script = script;
    this.home = home;
    this.port = port;
    this.settings = Map.copyOf(settings);
  }

  /**
   * A node with its home at {@code home} (wiped first: each run starts from an empty node) on a
   * native port whose internode port ({@code port - 2042}, as the script derives it) is free too.
   * Not started yet.
   */
  static OwnCassandra in(Path home) {
    return in(home, Map.of());
  }

  /** The same, with the script's settings ({@code CASSANDRA_AUTH}, {@code CASSANDRA_TLS}, …). */
  static OwnCassandra in(Path home, Map<String, String> settings) {
    Path script =
        Path.of("").toAbsolutePath().getParent().resolve("cassandra-schema/local-cassandra");
    if (!Files.isExecutable(script)) {
      throw new AssertionError("the project's script is missing: " + script);
    }
    OwnCassandra node = new OwnCassandra(script, home.toAbsolutePath(), freePortPair(), settings);
    // A run that died before its @AfterAll may have left this home's node running.
    if (Files.exists(home)) {
      node.run("stop");
      deleteTree(home);
    }
    return node;
  }

  /** Where the script keeps the node's files (its truststore, with CASSANDRA_TLS=on). */
  Path home() {
    return home;
  }

  String contactPoint() {
    return "127.0.0.1:" + port;
  }

  /** Starts it (or finds it running) and returns how long the script took. */
  Duration start() {
    return run("start");
  }

  /** Stops it cleanly (SIGTERM, then waits) and returns how long the script took. */
  Duration stop() {
    return run("stop");
  }

  private Duration run(String command) {
    long began = System.nanoTime();
    try {
      Path output = Files.createTempFile("local-cassandra-" + command, ".log");
      ProcessBuilder process =
          new ProcessBuilder(script.toString(), command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile());
      process.environment().putAll(settings);
      process.environment().put("CASSANDRA_HOME_DIR", home.toString());
      process.environment().put("CASSANDRA_PORT", Integer.toString(port));
      Process started = process.start();
      boolean ended = started.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      String said = Files.readString(output, StandardCharsets.UTF_8);
      Files.deleteIfExists(output);
      if (!ended) {
        started.destroyForcibly();
        throw new AssertionError("local-cassandra " + command + " did not end in time:\n" + said);
      }
      if (started.exitValue() != 0) {
        throw new AssertionError(
            "local-cassandra " + command + " failed (" + started.exitValue() + "):\n" + said);
      }
      return Duration.ofNanos(System.nanoTime() - began);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running local-cassandra " + command, e);
    }
  }

  /** A native port p in 20000-40000 with p and p - 2042 both free on 127.0.0.1 just now. */
  private static int freePortPair() {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(20_000, 40_000);
      if (free(port) && free(port - 2042)) {
        return port;
      }
    }
    throw new AssertionError("no free pair of ports for a Cassandra node of the test's own");
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot wipe " + root, e);
    }
  }
}
