package io.driftwatch.coordinator;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A request would take over what someone else owns, e.g. an inventory import listing hosts that
 * were registered through the API or by another inventory. {@code owners} maps each contested name
 * to its current owner.
 */
public final class ConflictException extends RuntimeException {

  private final SortedMap<String, String> owners;

  public ConflictException(String message, Map<String, String> owners) {
    super(message, null, false, false);
    this.owners = Collections.unmodifiableSortedMap(new TreeMap<>(owners));
  }

  public SortedMap<String, String> owners() {
    return owners;
  }
}
