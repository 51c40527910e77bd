package io.driftwatch.coordinator.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.coordinator.ConflictException;
import io.driftwatch.coordinator.Failures;
import io.driftwatch.coordinator.NotFoundException;
import io.driftwatch.coordinator.Selector;
import io.driftwatch.coordinator.TimeSpec;
import io.driftwatch.coordinator.UnavailableException;
import io.driftwatch.node.fact.Text;
import io.driftwatch.node.store.ChangeStore;
import io.driftwatch.node.store.RegistryEntry;
import io.driftwatch.node.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drift policies (expectations, baselines, exceptions) kept in the store's registries: each
 * write is a new version with who and when, a removal is a version too, so history shows every
 * change. {@link #current()} is what evaluations read: cached for a few seconds, dropped at once by
 * this member's own writes (another member's writes are seen when the cache runs out), and when the
 * store does not answer, the last policies read.
 */
public final class PolicyRegistry {

  private static final Logger log = LoggerFactory.getLogger(PolicyRegistry.class);

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * How long {@link #current()} answers from memory: evaluations read it often, and another
   * member's policy change may take this long to count here.
   */
  public static final Duration CACHE_FOR = Duration.ofSeconds(5);

  private final ChangeStore store;
  private final GoldenSnapshots snapshots;
  private final Clock clock;
  private final Duration cacheFor;

  private CompletableFuture<Policies> cached; // guarded by this
  private Instant cachedUntil = Instant.MIN; // guarded by this
  private Policies lastGood; // guarded by this

  public PolicyRegistry(
      ChangeStore store, GoldenSnapshots snapshots, Clock clock, Duration cacheFor) {
    this.store = store;
    this.snapshots = snapshots;
    this.clock = clock;
    this.cacheFor = cacheFor;
  }

  /** A policy as written, and whether the write created it (rather than replacing a version). */
  public record Saved<T>(T policy, boolean created) {}

  /** One version in a policy's history. */
  public record Version(String action, Instant changedAt, String changedBy, JsonNode definition) {}

  /** Stores a new version of a policy. */
  public <T> CompletionStage<Saved<T>> put(PolicyKind<T> kind, T policy, String who) {
    String name = kind.nameOf(policy);
    return exists(kind, name)
        .thenCompose(
            existed ->
                write(kind, name, kind.toJson(policy).toString(), false, who)
                    .thenApply(done -> new Saved<>(policy, !existed)));
  }

  /**
   * Reads a baseline body and stores it; with {@code "snapshot": true} it first saves the golden
   * host's or group's facts (at {@code at}, if given) into the baseline.
   */
  public CompletionStage<Saved<Baseline>> putBaseline(String name, JsonNode body, String who) {
    Baseline baseline = Baseline.fromJson(name, body);
    if (!Baseline.wantsSnapshot(body)) {
      return put(PolicyKind.BASELINES, baseline, who);
    }
    Instant now = clock.instant();
    Instant at = baseline.at() == null ? null : TimeSpec.parse(baseline.at(), now);
    CompletionStage<Map<String, String>> facts =
        baseline.host() != null
            ? snapshots.ofHost(baseline.host(), at)
            : snapshots.ofGroup(Selector.parse(baseline.like()), at);
    return facts.thenCompose(
        saved ->
            put(PolicyKind.BASELINES, baseline.withSnapshot(saved, at == null ? now : at), who));
  }

  /**
   * Removes a policy (a version marked removed, keeping the last definition, even one this version
   * no longer reads); NotFoundException when there is none.
   */
  public CompletionStage<Void> remove(PolicyKind<?> kind, String name, String who) {
    return latest(kind, name)
        .thenCompose(
            entry -> write(kind, name, current(kind, name, entry).definition(), true, who));
  }

  /**
   * One policy; NotFoundException when there is none (or it was removed), ConflictException when
   * its stored definition no longer reads (it can be replaced or removed).
   */
  public <T> CompletionStage<T> get(PolicyKind<T> kind, String name) {
    return latest(kind, name)
        .thenApply(
            entry -> {
              String definition = current(kind, name, entry).definition();
              try {
                return kind.read(name, parse(definition));
              } catch (IllegalArgumentException e) {
                throw new ConflictException(
                    "the stored "
                        + kind.what()
                        + " "
                        + Text.quote(name)
                        + " is no longer valid ("
                        + e.getMessage()
                        + "): PUT a new definition or DELETE it",
                    Map.of());
              }
            });
  }

  private static RegistryEntry current(PolicyKind<?> kind, String name, RegistryEntry entry) {
    if (entry == null || entry.deleted()) {
      throw new NotFoundException("unknown " + kind.what() + " " + Text.quote(name));
    }
    return entry;
  }

  /** The current policies of a kind, by name; definitions that no longer parse are skipped. */
  public <T> CompletionStage<List<T>> list(PolicyKind<T> kind) {
    return store
        .registry(kind.registry())
        .thenApply(entries -> readAll(kind, entries))
        .exceptionally(PolicyRegistry::rethrow);
  }

  /** Every version of a policy, newest first; NotFoundException when it was never written. */
  public CompletionStage<List<Version>> history(PolicyKind<?> kind, String name) {
    return store
        .registryHistory(kind.registry(), name)
        .exceptionally(PolicyRegistry::rethrow)
        .thenApply(
            entries -> {
              if (entries.isEmpty()) {
                throw new NotFoundException("unknown " + kind.what() + " " + Text.quote(name));
              }
              return entries.stream()
                  .map(
                      e ->
                          new Version(
                              e.deleted() ? "remove" : "put",
                              e.changedAt(),
                              e.changedBy(),
                              parse(e.definition())))
                  .toList();
            });
  }

  /**
   * Every policy in force: read at most every {@code cacheFor}, and when the store fails, the last
   * policies read (an evaluation during a store outage keeps its rules; only new writes wait).
   */
  public CompletionStage<Policies> current() {
    CompletableFuture<Policies> load;
    synchronized (this) {
      Instant now = clock.instant();
      if (cached != null && now.isBefore(cachedUntil) && !cached.isCompletedExceptionally()) {
        return cached;
      }
      load = new CompletableFuture<>();
      cached = load;
      cachedUntil = now.plus(cacheFor);
    }
    list(PolicyKind.EXPECTATIONS)
        .thenCombine(list(PolicyKind.BASELINES), (e, b) -> new Policies(e, b, List.of()))
        .thenCombine(
            list(PolicyKind.EXCEPTIONS), (p, x) -> new Policies(p.expectations(), p.baselines(), x))
        .whenComplete(
            (policies, error) -> {
              if (error == null) {
                synchronized (this) {
                  lastGood = policies;
                }
                load.complete(policies);
                return;
              }
              Policies fallback;
              synchronized (this) {
                fallback = lastGood;
              }
              if (fallback != null) {
                log.warn(
                    "Drift policies could not be read, using the last ones read: {}",
                    Failures.unwrap(error).getMessage());
                load.complete(fallback);
                synchronized (this) {
                  // Retry with the next evaluation rather than serving the fallback for long.
                  cachedUntil = Instant.MIN;
                }
              } else {
                load.completeExceptionally(error);
              }
            });
    return load;
  }

  private synchronized void invalidate() {
    cached = null;
    cachedUntil = Instant.MIN;
  }

  private <T> List<T> readAll(PolicyKind<T> kind, List<RegistryEntry> entries) {
    List<T> policies = new ArrayList<>(entries.size());
    for (RegistryEntry entry : entries) {
      if (entry.deleted()) {
        continue;
      }
      try {
        policies.add(kind.read(entry.name(), parse(entry.definition())));
      } catch (IllegalArgumentException e) {
        // A definition an older or newer version accepted: skip it, keep every other policy.
        log.warn(
            "Skipping stored {} {}: {}", kind.what(), Text.quote(entry.name()), e.getMessage());
      }
    }
    return policies;
  }

  private CompletionStage<Boolean> exists(PolicyKind<?> kind, String name) {
    return latest(kind, name).thenApply(entry -> entry != null && !entry.deleted());
  }

  private CompletionStage<RegistryEntry> latest(PolicyKind<?> kind, String name) {
    return store
        .registryHistory(kind.registry(), name)
        .thenApply(history -> history.isEmpty() ? null : history.get(0))
        .exceptionally(PolicyRegistry::rethrow);
  }

  private CompletionStage<Void> write(
      PolicyKind<?> kind, String name, String definition, boolean deleted, String who) {
    RegistryEntry entry =
        new RegistryEntry(kind.registry(), name, definition, deleted, clock.instant(), who);
    return store
        .putRegistryEntry(entry)
        .exceptionally(PolicyRegistry::rethrow)
        .thenAccept(done -> invalidate());
  }

  private static JsonNode parse(String definition) {
    try {
      return MAPPER.readTree(definition);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "stored definition is not JSON: " + e.getOriginalMessage());
    }
  }

  private static <T> T rethrow(Throwable error) {
    Throwable cause = Failures.unwrap(error);
    if (cause instanceof StoreException s) {
      throw new UnavailableException("store unavailable: " + s.getMessage());
    }
    if (cause instanceof RuntimeException r) {
      throw r;
    }
    throw new CompletionException(cause);
  }
}
