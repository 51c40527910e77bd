package io.driftwatch.bench.fleet;

import io.driftwatch.node.testing.ClientKey;
import io.driftwatch.node.testing.Sshd;
import io.driftwatch.node.testing.SshdFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's hosts: N real OpenSSH servers from the tests' {@link SshdFixture}, on 127.0.0.2,
 * 127.0.0.3, … each with its own host key, all serving this machine, so every tool probes the same
 * N hosts with the same client key and the same known_hosts file.
 */
final class Fleet implements AutoCloseable {

  private final SshdFixture fixture;
  private final List<Sshd> servers;
  private final Path knownHosts;
  private final List<ProcessHandle> listeners;

  private Fleet(SshdFixture fixture, List<Sshd> servers) {
    this.fixture = fixture;
    this.servers = List.copyOf(servers);
    this.knownHosts = fixture.knownHosts(servers.toArray(Sshd[]::new));
    // The fixture starts each sshd as a child of this JVM; they are the roots of the target trees.
    this.listeners =
        ProcessHandle.current()
            .children()
            .filter(p -> p.info().command().orElse("").endsWith("/sshd"))
            .toList();
    if (listeners.size() != servers.size()) {
      throw new IllegalStateException(
          "expected " + servers.size() + " sshd listeners, found " + listeners.size());
    }
  }

  static Fleet start(int hosts) {
    SshdFixture fixture = SshdFixture.create();
    try {
      List<Sshd> servers = new ArrayList<>();
      for (int i = 0; i < hosts; i++) {
        servers.add(fixture.server().start());
      }
      return new Fleet(fixture, servers);
    } catch (RuntimeException e) {
      fixture.close();
      throw e;
    }
  }

  List<Sshd> servers() {
    return servers;
  }

  /** The private key every tool logs in with, as root. */
  Path key() {
    return fixture.key(ClientKey.Kind.ED25519).privateKey();
  }

  /** Plain OpenSSH known_hosts naming every server's key as {@code [address]:port}. */
  Path knownHosts() {
    return knownHosts;
  }

  /** A scratch directory removed with the fleet. */
  Path newDirectory(String prefix) {
    try {
      return Files.createDirectories(fixture.newFile(prefix));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  TargetCpu targetCpu() {
    return new TargetCpu(listeners);
  }

  /** A short host name for inventories and file names: h01, h02, … */
  static String hostName(int index) {
    return String.format("h%02d", index + 1);
  }

  @Override
  public void close() {
    fixture.close();
  }
}
