package io.driftwatch.coordinator.content;

import com.typesafe.config.Config;

/**
 * Content diffs ({@code driftwatch.content}).
 *
 * @param diffMaxBytes a diff is cut at this size
 * @param maxDiffs at most this many files are diffed per answer
 */
public record ContentSettings(int diffMaxBytes, int maxDiffs) {

  public ContentSettings {
    if (diffMaxBytes < 1024 || maxDiffs < 1) {
      throw new IllegalArgumentException(
          "driftwatch.content: diff-max-bytes at least 1 KiB, max-diffs at least 1");
    }
  }

  public static ContentSettings fromConfig(Config config) {
    Config c = config.getConfig("driftwatch.content");
    return new ContentSettings(
        Math.toIntExact(c.getBytes("diff-max-bytes")), c.getInt("max-diffs"));
  }
}
