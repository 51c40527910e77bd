package io.driftwatch.bench.jmh;

import com.typesafe.config.ConfigFactory;
import io.driftwatch.node.collect.Collection;
import io.driftwatch.node.collect.Collector;
import io.driftwatch.node.collect.CollectorSettings;
import io.driftwatch.node.collect.source.StandardSources;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.Transport;
import io.driftwatch.node.remote.RemoteLimits;
import io.driftwatch.node.remote.RemoteProber;
import io.driftwatch.node.testing.DefaultSettings;
import io.driftwatch.node.testing.LocalShell;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The node's side of a remote probe of this machine's root "/", from answers the real probe script
 * gave once at setup (run through a local {@code sh}, as sshd would): the full answer (every unit
 * sent) and the unchanged one (every unit "="). Each benchmark is a whole {@link RemoteProber}
 * probe on a replayed answer: build the request, check the framing, inflate, decode, and parse all
 * sources into facts. The baseline inflates the full answer's gzip members and nothing else.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RemoteAnswerBenchmark {

  private static final Executor SAME_THREAD = Runnable::run;

  private final HostSpec host =
      new HostSpec("self", Transport.SSH, "/", Map.of(), Duration.ofMinutes(1));
  private RemoteProber prober;
  private byte[] fullAnswer;
  private List<AnswerMembers.Member> members;

  @Setup
  public void record() {
    CollectorSettings settings = DefaultSettings.collector();
    Collector collector = new Collector(StandardSources.all(settings), settings);
    RemoteLimits limits =
        RemoteLimits.fromConfig(ConfigFactory.load().getConfig("driftwatch.remote"));
    RecordingShell recorder = new RecordingShell(LocalShell.asCurrentUser());
    RemoteProber live = new RemoteProber(recorder, collector, settings, limits, SAME_THREAD, false);
    Collection first = live.probe(host).toCompletableFuture().join();
    RecordedAnswer full = recorder.last();
    live.probe(host).toCompletableFuture().join();
    RecordedAnswer unchanged = recorder.last();

    prober =
        new RemoteProber(
            new ReplayShell(full, unchanged), collector, settings, limits, SAME_THREAD, false);
    if (!prober.probe(host).toCompletableFuture().join().facts().equals(first.facts())) {
      throw new IllegalStateException("the replayed answer parses differently");
    }
    fullAnswer = full.stdout();
    members = AnswerMembers.of(fullAnswer);
  }

  /** A full probe: the node holds nothing of the host, so every unit comes and is parsed. */
  @Benchmark
  public Collection fullAnswer() {
    prober.forget(host.name());
    return prober.probe(host).toCompletableFuture().join();
  }

  /**
   * An unchanged re-probe: every unit "=", and the facts are parsed again from the inputs the node
   * holds (the collector runs on every probe).
   */
  @Benchmark
  public Collection unchangedAnswer() {
    return prober.probe(host).toCompletableFuture().join();
  }

  /** Baseline: inflating the full answer's gzip members with the JDK, nothing else. */
  @Benchmark
  public long inflateOnly() throws IOException {
    long bytes = 0;
    for (AnswerMembers.Member m : members) {
      try (GZIPInputStream in =
          new GZIPInputStream(new ByteArrayInputStream(fullAnswer, m.offset(), m.length()))) {
        bytes += in.readAllBytes().length;
      }
    }
    return bytes;
  }
}
