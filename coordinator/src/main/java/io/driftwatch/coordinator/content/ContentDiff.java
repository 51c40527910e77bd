package io.driftwatch.coordinator.content;

/**
 * The content diff of one changed file, or why there is none.
 *
 * @param diff a unified diff, or null when it could not be made
 * @param note why there is no diff, or that it was cut; null for a whole diff
 */
public record ContentDiff(String diff, String note) {

  static ContentDiff of(String diff) {
    return new ContentDiff(diff, null);
  }

  static ContentDiff none(String note) {
    return new ContentDiff(null, note);
  }
}
