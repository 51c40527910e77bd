package io.driftwatch.app;

import com.typesafe.config.Config;
import io.driftwatch.node.collect.Collector;
import io.driftwatch.node.collect.source.StandardSources;
import io.driftwatch.node.context.ChangeContexts;
import io.driftwatch.node.context.ContextSettings;
import io.driftwatch.node.context.LocalLogFetcher;
import io.driftwatch.node.context.LogContexts;
import io.driftwatch.node.host.Transport;
import io.driftwatch.node.probe.LocalProber;
import io.driftwatch.node.probe.Prober;
import io.driftwatch.node.probe.TransportProber;
import io.driftwatch.node.remote.RemoteLimits;
import io.driftwatch.node.remote.RemoteLogFetcher;
import io.driftwatch.node.remote.RemoteProber;
import io.driftwatch.node.simulate.SimulatedProber;
import io.driftwatch.node.ssh.SshRemoteShell;
import io.driftwatch.node.ssh.SshSettings;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The probers of one node — local reads, SSH and simulated hosts — sharing one collector and one
 * bounded pool for collecting and parsing, with the SSH connections they hold; closed at shutdown.
 */
final class NodeProbing implements AutoCloseable {

  private final ExecutorService pool;
  private final SshRemoteShell ssh;
  private final Prober prober;
  private final ChangeContexts contexts;

  private NodeProbing(
      ExecutorService pool, SshRemoteShell ssh, Prober prober, ChangeContexts contexts) {
    this.pool = pool;
    this.ssh = ssh;
    this.prober = prober;
    this.contexts = contexts;
  }

  static NodeProbing start(Config config, NodeSettings settings) {
    ExecutorService pool = pool(settings.probe().parallelism());
    Collector collector =
        new Collector(StandardSources.all(settings.collector()), settings.collector());
    LocalProber local =
        new LocalProber(collector, settings.collector(), pool, settings.probe().timeout());
    SshSettings sshSettings = SshSettings.fromConfig(config.getConfig("driftwatch.ssh"));
    SshRemoteShell ssh = SshRemoteShell.start(sshSettings);
    RemoteProber remote =
        new RemoteProber(
            ssh,
            ssh.immediate(),
            collector,
            settings.collector(),
            RemoteLimits.fromConfig(config.getConfig("driftwatch.remote")),
            pool,
            sshSettings.sudo());
    ContextSettings context = ContextSettings.fromConfig(config.getConfig("driftwatch.context"));
    ChangeContexts contexts =
        new LogContexts(
            Map.of(
                Transport.LOCAL,
                new LocalLogFetcher(settings.collector().maxSourceBytes()),
                Transport.SSH,
                new RemoteLogFetcher(
                    ssh, sshSettings.sudo(), context.tailBytes(), context.timeout())),
            pool,
            context);
    return new NodeProbing(
        pool,
        ssh,
        new TransportProber(
            Map.of(
                Transport.LOCAL,
                local,
                Transport.SSH,
                remote,
                Transport.SIMULATED,
                new SimulatedProber(Clock.systemUTC()))),
        contexts);
  }

  Prober prober() {
    return prober;
  }

  /** Change contexts from the hosts' logs (none for simulated hosts). */
  ChangeContexts contexts() {
    return contexts;
  }

  @Override
  public void close() {
    ssh.close();
    pool.shutdownNow();
  }

  /** Collection blocks on disk reads and parsing: its own bounded pool, off Pekko's threads. */
  private static ExecutorService pool(int parallelism) {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(
        parallelism,
        r -> {
          Thread t = new Thread(r, "driftwatch-probe-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }
}
