package io.driftwatch.node.fact;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One fact of one host changed between two probes: an immutable row with a unique id, never updated
 * in place. {@code oldValue} is null for a new key, {@code newValue} null for a removed one. The
 * change happened somewhere in the window ({@code windowFrom}, {@code detectedAt}]; {@code context}
 * is what the host's own records say about it (who, exactly when), {@link ChangeContext#NONE} when
 * they say nothing.
 */
public record ChangeEvent(
    String id,
    String host,
    String key,
    String oldValue,
    String newValue,
    Instant windowFrom,
    Instant detectedAt,
    ChangeContext context) {

  /** A change of which nothing more is known than the window. */
  public ChangeEvent(
      String id,
      String host,
      String key,
      String oldValue,
      String newValue,
      Instant windowFrom,
      Instant detectedAt) {
    this(id, host, key, oldValue, newValue, windowFrom, detectedAt, ChangeContext.NONE);
  }

  public ChangeEvent {
    context = context == null ? ChangeContext.NONE : context;
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(host, "host");
    FactKey.requireValid(key);
    Objects.requireNonNull(detectedAt, "detectedAt");
    if (oldValue == null && newValue == null) {
      throw new IllegalArgumentException("a change needs an old or a new value: " + key);
    }
    if (windowFrom != null && windowFrom.isAfter(detectedAt)) {
      throw new IllegalArgumentException("change window starts after it ends: " + key);
    }
  }

  /** This change with the host's records about it. */
  public ChangeEvent withContext(ChangeContext context) {
    return new ChangeEvent(id, host, key, oldValue, newValue, windowFrom, detectedAt, context);
  }

  /**
   * The changes that turn {@code before} into {@code after}, each with a fresh unique id, in key
   * order.
   */
  public static List<ChangeEvent> between(
      String host, FactSet before, FactSet after, Instant windowFrom, Instant detectedAt) {
    List<ChangeEvent> changes = new ArrayList<>();
    for (FactDifference d : before.diff(after)) {
      changes.add(
          new ChangeEvent(
              UUID.randomUUID().toString(),
              host,
              d.key(),
              d.left(),
              d.right(),
              windowFrom,
              detectedAt));
    }
    return changes;
  }
}
