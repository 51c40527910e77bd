package io.driftwatch.bench.fleet;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.driftwatch.node.collect.Collection;
import io.driftwatch.node.collect.Collector;
import io.driftwatch.node.collect.CollectorSettings;
import io.driftwatch.node.collect.source.StandardSources;
import io.driftwatch.node.host.HostKeyPolicy;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.SshOptions;
import io.driftwatch.node.host.Transport;
import io.driftwatch.node.remote.RemoteLimits;
import io.driftwatch.node.remote.RemoteProber;
import io.driftwatch.node.ssh.SshRemoteShell;
import io.driftwatch.node.ssh.SshSettings;
import io.driftwatch.node.testing.Sshd;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Driftwatch's probe path for a fleet, wired as the node wires it ({@code NodeProbing}): one {@link
 * SshRemoteShell} (MINA SSHD, connections opened on first use and kept) under a {@link
 * RemoteProber} that parses answers with the standard collector on a bounded pool. A new instance
 * has no connections and holds nothing: its first probe of each host is a cold full probe.
 */
final class DriftwatchProbes implements AutoCloseable {

  private final List<HostSpec> hosts;
  private final ExecutorService pool;
  private final SshRemoteShell ssh;
  private final MeteredShell metered;
  private final RemoteProber prober;

  private DriftwatchProbes(List<HostSpec> hosts, Config config) {
    this.hosts = List.copyOf(hosts);
    CollectorSettings settings =
        CollectorSettings.fromConfig(config.getConfig("driftwatch.collector"));
    // The node's collection pool has driftwatch.probe.parallelism threads; so does this one.
    this.pool = Executors.newFixedThreadPool(config.getInt("driftwatch.probe.parallelism"));
    this.ssh = SshRemoteShell.start(SshSettings.fromConfig(config.getConfig("driftwatch.ssh")));
    this.metered = new MeteredShell(ssh);
    this.prober =
        new RemoteProber(
            metered,
            new Collector(StandardSources.all(settings), settings),
            settings,
            RemoteLimits.fromConfig(config.getConfig("driftwatch.remote")),
            pool,
            false);
  }

  /**
   * The node's default configuration, except that all {@code concurrency} probes may run at once
   * and no ssh-agent is consulted (the hosts name their key).
   */
  static DriftwatchProbes open(List<HostSpec> hosts, int concurrency) {
    Config config =
        ConfigFactory.parseString(
                "driftwatch.ssh.agent-socket = \"\"\n"
                    + "driftwatch.ssh.max-concurrent-probes = "
                    + Math.max(32, concurrency))
            .withFallback(ConfigFactory.load())
            .resolve();
    return new DriftwatchProbes(hosts, config);
  }

  /** One ssh host per server, logging in as root with the fleet's key, reading {@code roots[i]}. */
  static List<HostSpec> hosts(Fleet fleet, List<String> roots) {
    List<HostSpec> specs = new ArrayList<>();
    for (int i = 0; i < fleet.servers().size(); i++) {
      Sshd sshd = fleet.servers().get(i);
      specs.add(
          new HostSpec(
              Fleet.hostName(i),
              Transport.SSH,
              roots.get(i),
              Map.of(),
              Duration.ofMinutes(1),
              new SshOptions(
                  sshd.address(),
                  sshd.port(),
                  "root",
                  fleet.key().toString(),
                  fleet.knownHosts().toString(),
                  HostKeyPolicy.STRICT,
                  false,
                  null),
              HostSpec.API));
    }
    return specs;
  }

  /**
   * Probes every host at once and waits for all.
   *
   * @return the SSH wire bytes of all the probes
   * @throws IllegalStateException if any probe failed or found no facts
   */
  long probeAll() {
    List<CompletableFuture<Collection>> probes = new ArrayList<>();
    for (HostSpec host : hosts) {
      probes.add(prober.probe(host).toCompletableFuture());
    }
    for (int i = 0; i < probes.size(); i++) {
      Collection c = probes.get(i).join();
      if (c.facts().isEmpty() || !c.failedCategories().isEmpty()) {
        throw new IllegalStateException(
            "probe of " + hosts.get(i).name() + " failed: " + c.failedCategories());
      }
    }
    return metered.takeWireBytes();
  }

  /** Facts of one host now, for the report (a probe outside any measured phase). */
  int factCount() {
    return prober.probe(hosts.get(0)).toCompletableFuture().join().facts().size();
  }

  /** Drops what the node holds of every host: the next probe is full, on open connections. */
  void forgetAll() {
    hosts.forEach(h -> prober.forget(h.name()));
  }

  /** Closes every connection. */
  @Override
  public void close() throws InterruptedException {
    ssh.close();
    pool.shutdownNow();
    pool.awaitTermination(10, TimeUnit.SECONDS);
  }
}
