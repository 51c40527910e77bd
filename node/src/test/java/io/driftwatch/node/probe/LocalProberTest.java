package io.driftwatch.node.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.node.collect.Collection;
import io.driftwatch.node.collect.Collector;
import io.driftwatch.node.collect.CollectorSettings;
import io.driftwatch.node.collect.FactSource;
import io.driftwatch.node.collect.HostContext;
import io.driftwatch.node.collect.Input;
import io.driftwatch.node.collect.SourceResult;
import io.driftwatch.node.collect.source.TrackedFilesSource;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.Transport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalProberTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path temp;
  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  @Test
  void probesASmallFixtureRoot() throws Exception {
    Path root = Files.createDirectories(temp.resolve("web-1"));
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/hosts"), "127.0.0.1 localhost\n");
    Files.writeString(root.resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\n");
    CollectorSettings settings = settings(List.of("/etc/hosts"));
    LocalProber prober =
        new LocalProber(
            new Collector(List.of(new TrackedFilesSource(settings)), settings),
            settings,
            pool,
            TIMEOUT);

    Collection collection = await(prober.probe(local(root.toString())));

    assertThat(collection.facts().get("file:/etc/hosts")).startsWith("sha256:");
    assertThat(collection.contents()).containsValue("127.0.0.1 localhost\n");
    assertThat(collection.failedCategories()).isEmpty();
  }

  @Test
  void commandsRunOnlyForTheNodesOwnMachine() throws Exception {
    AtomicReference<String> echoed = new AtomicReference<>("never asked");
    FactSource echo =
        source(
            "echo",
            host -> {
              echoed.set(
                  host.commands().isPresent()
                      ? host.commands().get().run(List.of("echo", "ran")).orElse("missing")
                      : "no commands");
              return SourceResult.of(Map.of());
            });
    LocalProber prober = prober(echo, TIMEOUT);

    await(prober.probe(local(temp.toString())));
    assertThat(echoed.get()).isEqualTo("no commands");

    await(prober.probe(local("/")));
    assertThat(echoed.get()).isEqualTo("ran\n");
  }

  @Test
  void aMissingRootIsReportedWithItsPath() {
    Path missing = temp.resolve("no-such-host");

    assertProbeFails(
        prober(source("none", host -> SourceResult.of(Map.of())), TIMEOUT)
            .probe(local(missing.toString())),
        ProbeException.Reason.ROOT_MISSING,
        "root directory " + missing + " does not exist");
  }

  @Test
  void aRootThatIsAFileIsReported() throws IOException {
    Path file = Files.writeString(temp.resolve("file"), "not a host");

    assertProbeFails(
        prober(source("none", host -> SourceResult.of(Map.of())), TIMEOUT)
            .probe(local(file.toString())),
        ProbeException.Reason.ROOT_MISSING,
        "root " + file + " is not a directory");
  }

  @Test
  void otherTransportsAreRefused() {
    HostSpec ssh =
        new HostSpec("db-1", Transport.SSH, "/", new TreeMap<>(), Duration.ofSeconds(60));

    assertProbeFails(
        prober(source("none", host -> SourceResult.of(Map.of())), TIMEOUT).probe(ssh),
        ProbeException.Reason.TRANSPORT_UNSUPPORTED,
        "the local prober cannot probe a host of transport ssh");
  }

  @Test
  void aProbeOverItsTimeoutFailsAndIsInterrupted() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    FactSource stuck =
        source(
            "stuck",
            host -> {
              try {
                release.await();
              } catch (InterruptedException e) {
                interrupted.countDown();
                throw new IOException("interrupted");
              }
              return SourceResult.of(Map.of());
            });
    try {
      LocalProber prober = prober(stuck, Duration.ofMillis(200));

      assertProbeFails(
          prober.probe(local(temp.toString())),
          ProbeException.Reason.TIMEOUT,
          "probe took longer than 200ms");
      // The pool thread is given back rather than held until the source gives up.
      assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      release.countDown();
    }
  }

  @Test
  void anUnexpectedFailureBecomesACollectorFailure() {
    FactSource broken =
        source(
            "broken",
            host -> {
              throw new AssertionError("invariant broken");
            });

    assertProbeFails(
        prober(broken, TIMEOUT).probe(local(temp.toString())),
        ProbeException.Reason.COLLECTOR_FAILED,
        "collector failed: AssertionError: invariant broken");
  }

  @Test
  void tooManyFactsFailTheProbe() {
    CollectorSettings settings =
        new CollectorSettings(List.of(), List.of(), 4096, 64, 4096, 1, Duration.ofSeconds(5));
    FactSource two = source("two", host -> SourceResult.of(Map.of("os:a", "1", "os:b", "2")));
    LocalProber prober =
        new LocalProber(new Collector(List.of(two), settings), settings, pool, TIMEOUT);

    assertThatThrownBy(() -> await(prober.probe(local(temp.toString()))))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(
            ProbeException.class,
            e -> assertThat(e.reason()).isEqualTo(ProbeException.Reason.COLLECTOR_FAILED));
  }

  private LocalProber prober(FactSource source, Duration timeout) {
    CollectorSettings settings = settings(List.of());
    return new LocalProber(new Collector(List.of(source), settings), settings, pool, timeout);
  }

  private static CollectorSettings settings(List<String> tracked) {
    return new CollectorSettings(
        tracked, List.of(), 1 << 20, 1024, 1 << 20, 1000, Duration.ofSeconds(5));
  }

  private static HostSpec local(String root) {
    return new HostSpec("host-1", Transport.LOCAL, root, new TreeMap<>(), Duration.ofSeconds(60));
  }

  private static Collection await(CompletionStage<Collection> probe) throws Exception {
    return probe.toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static void assertProbeFails(
      CompletionStage<Collection> probe, ProbeException.Reason reason, String message) {
    assertThatThrownBy(() -> await(probe))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(ProbeException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessage(message);
  }

  /** How a test source behaves when collected. */
  @FunctionalInterface
  private interface Body {
    SourceResult collect(HostContext host) throws IOException;
  }

  private static FactSource source(String name, Body body) {
    return new FactSource() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Set<String> categories() {
        return Set.of("os");
      }

      @Override
      public List<Input> inputs() {
        return List.of();
      }

      @Override
      public SourceResult collect(HostContext host) throws IOException {
        return body.collect(host);
      }
    };
  }
}
