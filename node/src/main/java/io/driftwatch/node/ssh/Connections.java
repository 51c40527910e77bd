package io.driftwatch.node.ssh;

import io.driftwatch.node.probe.ProbeException;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's SSH connections, one per host, under a cap: when the cap is reached, the least
 * recently used idle connection is closed to make room. Also closes connections left unused for the
 * idle timeout, and all of them at shutdown.
 */
final class Connections {

  private static final Logger log = LoggerFactory.getLogger(Connections.class);

  /** A connection handed to one run; give it back with {@link #release}. */
  record Lease(HostConnection host, Link link) {}

  private final Connector connector;
  private final SshSettings settings;
  private final ConcurrentMap<String, HostConnection> hosts = new ConcurrentHashMap<>();
  private final AtomicLong opened = new AtomicLong();
  private int open; // guarded by this; connections open or being opened

  Connections(Connector connector, SshSettings settings) {
    this.connector = connector;
    this.settings = settings;
  }

  /** The host's connection, opened if need be; see {@link HostConnection#acquire}. */
  Lease acquire(SshTarget target, Deadline deadline, boolean immediate) throws ProbeException {
    while (true) {
      HostConnection host =
          hosts.computeIfAbsent(target.host(), name -> new HostConnection(name, this));
      Link link = host.acquire(target, deadline, immediate);
      if (link != null) {
        return new Lease(host, link);
      }
      hosts.remove(target.host(), host); // retired meanwhile: take a fresh one
    }
  }

  void release(Lease lease, boolean healthy) {
    lease.host().release(lease.link(), healthy);
  }

  /** Connections open now. */
  synchronized int open() {
    return open;
  }

  /** Connections opened since start, successful ones only. */
  long opened() {
    return opened.get();
  }

  /** Closes connections unused for the idle timeout and forgets hosts with nothing to keep. */
  void sweep() {
    hosts.forEach(
        (name, host) -> {
          if (host.sweep(settings.idleTimeout())) {
            hosts.remove(name, host);
          }
        });
  }

  /** Closes every connection. */
  void shutdown() {
    int count = open();
    hosts.values().forEach(HostConnection::shutdown);
    hosts.clear();
    if (count > 0) {
      log.info("ssh: closed {} connection(s)", count);
    }
  }

  Connector connector() {
    return connector;
  }

  Backoff newBackoff() {
    return Backoff.none(settings.backoffInitial(), settings.backoffMax());
  }

  /**
   * Makes room for one more connection: below the cap at once; at the cap by closing the least
   * recently used idle connection, or, if every connection is busy, by waiting for one to become
   * idle (which cannot happen while max-connections ≥ max-concurrent-probes, but a cap is a cap).
   */
  void reserveSlot(HostConnection asking, Deadline deadline, SshTarget target)
      throws ProbeException {
    synchronized (this) {
      if (open < settings.maxConnections()) {
        open++;
        return;
      }
    }
    while (true) {
      closeLeastRecentlyUsedIdle(asking);
      synchronized (this) {
        if (open < settings.maxConnections()) {
          open++;
          return;
        }
        long wait = deadline.remaining().toMillis();
        if (wait <= 0) {
          throw SshFailures.timeout(
              "waiting for a free connection slot (driftwatch.ssh.max-connections = "
                  + settings.maxConnections()
                  + ") for",
              target,
              deadline.limit());
        }
        try {
          wait(Math.min(wait, 100));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ProbeException(ProbeException.Reason.UNREACHABLE, "interrupted");
        }
      }
    }
  }

  synchronized void unreserveSlot() {
    open--;
    notifyAll();
  }

  void connected() {
    opened.incrementAndGet();
  }

  /** A run gave its connection back: a waiting slot reservation may now find an idle one. */
  synchronized void released() {
    notifyAll();
  }

  private void closeLeastRecentlyUsedIdle(HostConnection asking) {
    List<HostConnection> idle =
        hosts.values().stream()
            .filter(h -> h != asking && h.hasLink() && h.inUse() == 0)
            .sorted(Comparator.comparingLong(HostConnection::lastUsedNanos))
            .toList();
    for (HostConnection host : idle) {
      if (host.closeIfIdle("connection cap " + settings.maxConnections() + " reached")) {
        return;
      }
    }
  }
}
