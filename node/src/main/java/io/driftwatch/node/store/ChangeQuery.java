package io.driftwatch.node.store;

import io.driftwatch.node.fact.TimeRange;
import java.util.Objects;

/**
 * A history query: changes in a time range, of one host or the whole fleet, optionally of one exact
 * key or of keys with a prefix.
 *
 * @param host one host, or null for every host
 * @param key one exact key, or null
 * @param keyPrefix keep keys starting with this; "" keeps all
 * @param limit at most this many changes (the newest); more are flagged as truncated
 */
public record ChangeQuery(String host, String key, String keyPrefix, TimeRange range, int limit) {

  public static final int MAX_LIMIT = 100_000;

  public ChangeQuery {
    keyPrefix = keyPrefix == null ? "" : keyPrefix;
    Objects.requireNonNull(range, "range");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
    }
  }

  /** Changes of one host. */
  public static ChangeQuery ofHost(String host, String keyPrefix, TimeRange range, int limit) {
    return new ChangeQuery(Objects.requireNonNull(host), null, keyPrefix, range, limit);
  }

  /** Changes of every host. */
  public static ChangeQuery ofFleet(String keyPrefix, TimeRange range, int limit) {
    return new ChangeQuery(null, null, keyPrefix, range, limit);
  }

  /** Changes of one key on any host. */
  public static ChangeQuery ofKey(String key, TimeRange range, int limit) {
    return new ChangeQuery(null, Objects.requireNonNull(key), "", range, limit);
  }
}
