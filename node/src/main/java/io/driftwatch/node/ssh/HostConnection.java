package io.driftwatch.node.ssh;

import io.driftwatch.node.probe.ProbeException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one long-lived connection of one host, and its failures: connects on demand, hands the
 * connection to runs, reconnects when it was lost, and after a failed attempt leaves the host alone
 * for a back-off (runs meanwhile fail at once with the last reason, unless they insist). Logs one
 * line when the host's connection changes state, never per run.
 */
final class HostConnection {

  private static final Logger log = LoggerFactory.getLogger(HostConnection.class);

  /** The last failed connection attempt, for which target, and when the next one is allowed. */
  private record Failure(
      ProbeException error, Backoff backoff, long retryAtNanos, SshTarget target) {}

  private final String host;
  private final Connections pool;
  // Held while connecting (so that one host gets one connection) and while the fields change.
  private final ReentrantLock lock = new ReentrantLock();
  private SshTarget target;
  private Link link;
  private Runnable linkClosed;
  private Failure failure;
  private int inUse;
  private long lastUsedNanos = System.nanoTime();
  private boolean retired;

  HostConnection(String host, Connections pool) {
    this.host = host;
    this.pool = pool;
  }

  /**
   * An open connection for {@code wanted}, reusing this host's one if it is still open and was made
   * for the same target. Null when this entry was retired (the caller takes a fresh one).
   *
   * @param immediate try now even if the host is backing off after a failure
   */
  Link acquire(SshTarget wanted, Deadline deadline, boolean immediate) throws ProbeException {
    lockUntil(deadline, wanted);
    try {
      if (retired) {
        return null;
      }
      if (link != null && !wanted.equals(target)) {
        log.info("ssh [{}] connection settings changed, reconnecting", host);
        closeLink();
        failure = null;
      }
      if (link != null && !link.isOpen()) {
        linkClosed.run(); // the host or the network closed it: say so once, free its slot
        closeLink();
      }
      if (link == null) {
        // Back off only from what failed: changed settings (another port, key...) try at once.
        if (failure != null
            && !immediate
            && failure.target.equals(wanted)
            && System.nanoTime() - failure.retryAtNanos < 0) {
          Duration left = Duration.ofNanos(failure.retryAtNanos - System.nanoTime());
          throw new ProbeException(
              failure.error.reason(),
              failure.error.getMessage()
                  + " (next attempt in "
                  + SshFailures.seconds(round(left))
                  + ")");
        }
        connect(wanted, deadline);
      }
      inUse++;
      return link;
    } finally {
      lock.unlock();
    }
  }

  /** A run is done with the connection; {@code healthy} false drops it. */
  void release(Link used, boolean healthy) {
    lock.lock();
    try {
      inUse--;
      lastUsedNanos = System.nanoTime();
      if (!healthy && used == link) {
        log.info("ssh [{}] connection dropped after a failed run; next run reconnects", host);
        closeLink();
      }
    } finally {
      lock.unlock();
    }
    pool.released();
  }

  /** Closes the connection if no run uses it (for the connection cap); false if it could not. */
  boolean closeIfIdle(String why) {
    if (!lock.tryLock()) {
      return false;
    }
    try {
      if (link == null || inUse > 0) {
        return false;
      }
      log.debug("ssh [{}] closed its connection ({})", host, why);
      closeLink();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Closes an idle connection unused for {@code idle}; retires this entry if it holds nothing worth
   * keeping. True when retired.
   */
  boolean sweep(Duration idle) {
    if (!lock.tryLock()) {
      return false;
    }
    try {
      long now = System.nanoTime();
      if (inUse > 0) {
        return false;
      }
      if (link != null && now - lastUsedNanos >= idle.toNanos()) {
        log.debug("ssh [{}] closed its connection after {} unused", host, idle);
        closeLink();
      }
      boolean backingOff = failure != null && now - failure.retryAtNanos < 0;
      if (link == null && !backingOff && now - lastUsedNanos >= idle.toNanos()) {
        retired = true;
      }
      return retired;
    } finally {
      lock.unlock();
    }
  }

  /** Closes the connection for good (node shutdown). */
  void shutdown() {
    lock.lock();
    try {
      retired = true;
      closeLink();
    } finally {
      lock.unlock();
    }
  }

  boolean hasLink() {
    return link != null;
  }

  int inUse() {
    return inUse;
  }

  long lastUsedNanos() {
    return lastUsedNanos;
  }

  private void connect(SshTarget wanted, Deadline deadline) throws ProbeException {
    pool.reserveSlot(this, deadline, wanted);
    Link opened;
    try {
      opened = pool.connector().connect(wanted, deadline);
    } catch (ProbeException | RuntimeException e) {
      pool.unreserveSlot();
      ProbeException error = e instanceof ProbeException p ? p : SshFailures.connecting(wanted, e);
      failed(error, wanted);
      throw error;
    }
    Runnable closed = new LinkClosed(opened, wanted);
    opened.onClose(closed);
    if (failure != null) {
      log.info(
          "ssh [{}] connected to {} in {} ms after {} failed attempt(s)",
          host,
          SshFailures.where(wanted),
          opened.setupTime().toMillis(),
          failure.backoff.failures());
    } else {
      log.info(
          "ssh [{}] connected to {} in {} ms",
          host,
          SshFailures.where(wanted),
          opened.setupTime().toMillis());
    }
    link = opened;
    linkClosed = closed;
    target = wanted;
    failure = null;
    pool.connected();
  }

  /**
   * Gives the connection's slot back exactly once, whether the node closed it (at once, so that the
   * cap sees the room immediately) or the host or network did (from the library's thread, which
   * must never wait for this host's lock).
   */
  private final class LinkClosed implements Runnable {
    private final Link closedLink;
    private final SshTarget closedTarget;
    private boolean done;

    LinkClosed(Link link, SshTarget target) {
      this.closedLink = link;
      this.closedTarget = target;
    }

    @Override
    public synchronized void run() {
      if (done) {
        return;
      }
      done = true;
      pool.unreserveSlot();
      if (!closedLink.closedByNode()) {
        log.info(
            "ssh [{}] connection to {} lost; the next run reconnects",
            host,
            SshFailures.where(closedTarget));
      }
    }
  }

  private void failed(ProbeException error, SshTarget wanted) {
    Failure previous = failure;
    Backoff backoff = (previous == null ? pool.newBackoff() : previous.backoff).failed();
    failure = new Failure(error, backoff, System.nanoTime() + backoff.delay().toNanos(), wanted);
    if (previous == null
        || previous.error.reason() != error.reason()
        || !previous.error.getMessage().equals(error.getMessage())) {
      log.warn(
          "ssh [{}] cannot connect ({}): {}; next attempt after {}",
          host,
          error.reason(),
          error.getMessage(),
          SshFailures.seconds(backoff.delay()));
    }
  }

  private void closeLink() {
    if (link != null) {
      link.close();
      linkClosed.run();
      link = null;
      linkClosed = null;
    }
  }

  private void lockUntil(Deadline deadline, SshTarget wanted) throws ProbeException {
    try {
      // Another run of the same host is connecting: wait for it rather than connect twice.
      if (!lock.tryLock(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS)) {
        throw SshFailures.timeout("waiting for the connection to", wanted, deadline.limit());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProbeException(ProbeException.Reason.UNREACHABLE, "interrupted");
    }
  }

  private static Duration round(Duration d) {
    return Duration.ofSeconds((d.toMillis() + 999) / 1000);
  }
}
