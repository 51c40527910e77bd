package io.driftwatch.node.store;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The spool's backlog in memory and every decision about it: whether a host's record may go
 * straight to the store, where a spooled record goes and whether it fits, and which record is
 * drained next. Record contents stay on disk; this holds one small entry per record. Pure
 * bookkeeping without I/O or locks: its owner holds the queue's monitor around every call.
 *
 * <p>Rules: a host's records leave in the order they came (only a host's oldest record is ever
 * drained, one at a time); a host with records waiting gets its new ones queued behind them, never
 * written past them; a record that only moves the host's probe time replaces a waiting record that
 * did only that too (one record per quiet host, not one per probe, during a long outage).
 */
final class SpoolQueue {

  /** One spooled record as the queue knows it. */
  record Entry(long seq, String host, long bytes, Instant spooledAt, boolean timeOnly) {}

  /** Where a new record of a host goes. Made and then committed or cancelled, one at a time. */
  sealed interface Placement {

    /** Behind the host's waiting records, or first when there are none. */
    record Append(String host, long bytes, boolean timeOnly) implements Placement {}

    /** Instead of the host's newest waiting record, which only moved its probe time too. */
    record Replace(Entry tail, long bytes) implements Placement {}

    /** Past the bound; {@code reason} says which. */
    record Refuse(String reason) implements Placement {}
  }

  private final long maxRecords;
  private final long maxBytes;
  private final Map<String, ArrayDeque<Entry>> byHost = new HashMap<>();
  // Every entry, oldest first: for the oldest age.
  private final TreeMap<Long, Entry> bySeq = new TreeMap<>();
  // Each host's oldest entry while nothing else holds it: what may be drained next, oldest first.
  private final TreeMap<Long, Entry> ready = new TreeMap<>();
  // Entries being drained or replaced: nobody else may touch them until that ends.
  private final Set<Long> busy = new HashSet<>();
  private long bytes;
  private Placement open;

  SpoolQueue(long maxRecords, long maxBytes) {
    this.maxRecords = maxRecords;
    this.maxBytes = maxBytes;
  }

  /**
   * True when a record that only moves a host's probe time: no change, snapshot or content, read
   * from the host. Two of them in a row say no more than the second alone.
   */
  static boolean timeOnly(ProbeRecord probe) {
    return probe.observed()
        && probe.changes().isEmpty()
        && probe.snapshot().isEmpty()
        && probe.contents().isEmpty();
  }

  /** Entries found in the spool file at start, oldest first. */
  void restore(List<Entry> entries) {
    for (Entry entry : entries) {
      add(entry);
    }
  }

  /**
   * True when a host's new record must go to the spool rather than to the store: the host has
   * records waiting (the new one must not overtake them), or the store is known to be failing and
   * the drainer is already trying it with the backlog (with no backlog, the record itself tries).
   */
  boolean mustSpool(String host, boolean storeAvailable) {
    return byHost.containsKey(host) || (!storeAvailable && !bySeq.isEmpty());
  }

  boolean hasBacklog(String host) {
    return byHost.containsKey(host);
  }

  /**
   * Where a new record of {@code host} of {@code size} encoded bytes goes; commit it with {@link
   * #appended} or {@link #replaced}, or {@link #cancel} it, before placing the next.
   */
  Placement place(String host, boolean timeOnly, long size) {
    if (open != null) {
      throw new IllegalStateException("a placement is still open: " + open);
    }
    ArrayDeque<Entry> waiting = byHost.get(host);
    Entry tail = waiting == null ? null : waiting.peekLast();
    if (timeOnly && tail != null && tail.timeOnly() && !busy.contains(tail.seq())) {
      if (bytes - tail.bytes() + size > maxBytes) {
        return refuse(size, false);
      }
      busy.add(tail.seq());
      ready.remove(tail.seq());
      open = new Placement.Replace(tail, size);
      return open;
    }
    if (bySeq.size() + 1 > maxRecords || bytes + size > maxBytes) {
      return refuse(size, true);
    }
    open = new Placement.Append(host, size, timeOnly);
    return open;
  }

  /** Commits an {@link Placement.Append}: the record is in the spool file under {@code seq}. */
  Entry appended(Placement.Append placement, long seq, Instant spooledAt) {
    requireOpen(placement);
    Entry entry =
        new Entry(seq, placement.host(), placement.bytes(), spooledAt, placement.timeOnly());
    add(entry);
    return entry;
  }

  /**
   * Commits a {@link Placement.Replace}: the newer record is in the file in place of the older. It
   * keeps the older one's spool time: the host's backlog has waited since then.
   */
  void replaced(Placement.Replace placement) {
    requireOpen(placement);
    Entry old = placement.tail();
    Entry now = new Entry(old.seq(), old.host(), placement.bytes(), old.spooledAt(), true);
    ArrayDeque<Entry> waiting = byHost.get(old.host());
    waiting.pollLast();
    waiting.addLast(now);
    bySeq.put(now.seq(), now);
    bytes += now.bytes() - old.bytes();
    busy.remove(now.seq());
    if (waiting.peekFirst() == now) {
      ready.put(now.seq(), now);
    }
  }

  /** Forgets a placement that was not written. */
  void cancel(Placement placement) {
    requireOpen(placement);
    if (placement instanceof Placement.Replace replace) {
      release(replace.tail());
    }
  }

  /**
   * The oldest record that may be drained now, held until {@link #drained} or {@link #release};
   * empty when every host with a backlog already has a record in flight, or none waits.
   */
  Optional<Entry> nextToDrain() {
    Map.Entry<Long, Entry> next = ready.pollFirstEntry();
    if (next == null) {
      return Optional.empty();
    }
    busy.add(next.getKey());
    return Optional.of(next.getValue());
  }

  /** The store acknowledged the entry and it is deleted from the file; its host's next is ready. */
  void drained(Entry entry) {
    ArrayDeque<Entry> waiting = byHost.get(entry.host());
    if (waiting == null || waiting.peekFirst().seq() != entry.seq()) {
      throw new IllegalStateException("drained record " + entry.seq() + " is not its host's first");
    }
    Entry held = waiting.pollFirst();
    bySeq.remove(held.seq());
    bytes -= held.bytes();
    busy.remove(held.seq());
    if (waiting.isEmpty()) {
      byHost.remove(entry.host());
    } else {
      Entry next = waiting.peekFirst();
      if (!busy.contains(next.seq())) {
        ready.put(next.seq(), next);
      }
    }
  }

  /** The entry stays waiting (its write failed) and may be drained again. */
  void release(Entry entry) {
    busy.remove(entry.seq());
    ArrayDeque<Entry> waiting = byHost.get(entry.host());
    Entry head = waiting == null ? null : waiting.peekFirst();
    if (head != null && head.seq() == entry.seq()) {
      ready.put(head.seq(), head);
    }
  }

  long records() {
    return bySeq.size();
  }

  long bytes() {
    return bytes;
  }

  int hosts() {
    return byHost.size();
  }

  boolean isEmpty() {
    return bySeq.isEmpty();
  }

  /** At the bound: no record with content fits any more. */
  boolean full() {
    return bySeq.size() >= maxRecords || bytes >= maxBytes;
  }

  Optional<Instant> oldestSpooledAt() {
    return bySeq.isEmpty()
        ? Optional.empty()
        : Optional.of(bySeq.firstEntry().getValue().spooledAt());
  }

  long maxRecords() {
    return maxRecords;
  }

  long maxBytes() {
    return maxBytes;
  }

  private void add(Entry entry) {
    ArrayDeque<Entry> waiting = byHost.computeIfAbsent(entry.host(), h -> new ArrayDeque<>());
    waiting.addLast(entry);
    bySeq.put(entry.seq(), entry);
    bytes += entry.bytes();
    if (waiting.size() == 1) {
      ready.put(entry.seq(), entry);
    }
  }

  private Placement refuse(long size, boolean addsRecord) {
    String reason =
        addsRecord && bySeq.size() + 1 > maxRecords
            ? bySeq.size() + " records wait, max-records is " + maxRecords
            : bytes + " bytes wait and this record has " + size + ", max-bytes is " + maxBytes;
    return new Placement.Refuse(reason);
  }

  private void requireOpen(Placement placement) {
    if (open != placement) {
      throw new IllegalStateException("not the open placement: " + placement);
    }
    open = null;
  }
}
