package io.driftwatch.node.collect;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.List;

/**
 * How the collector reads a host, read once from {@code driftwatch.collector}.
 *
 * @param trackedFiles paths and globs (a glob may use *, ? and [..] within a path segment) of files
 *     recorded as {@code file:PATH}
 * @param ignore globs over fact keys to drop, e.g. {@code sysctl:kernel.sched_*}
 * @param maxSourceBytes largest source file or command output accepted (larger fails that source)
 * @param contentMaxBytes tracked text files up to this size keep their content for content diffs
 * @param hashMaxBytes tracked files larger than this are recorded by size and metadata, not hashed
 * @param maxFacts a host producing more facts than this fails the probe (protects the node)
 * @param commandTimeout how long one command may run (root "/" only)
 */
public record CollectorSettings(
    List<String> trackedFiles,
    List<String> ignore,
    long maxSourceBytes,
    int contentMaxBytes,
    long hashMaxBytes,
    int maxFacts,
    Duration commandTimeout) {

  public CollectorSettings {
    trackedFiles = List.copyOf(trackedFiles);
    ignore = List.copyOf(ignore);
  }

  public static CollectorSettings fromConfig(Config c) {
    return new CollectorSettings(
        c.getStringList("tracked-files"),
        c.getStringList("ignore"),
        c.getBytes("max-source-bytes"),
        Math.toIntExact(c.getBytes("content-max-bytes")),
        c.getBytes("hash-max-bytes"),
        c.getInt("max-facts"),
        c.getDuration("command-timeout"));
  }
}
