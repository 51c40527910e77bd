package io.driftwatch.node.context;

import io.driftwatch.node.collect.LocalHostFiles;
import io.driftwatch.node.host.HostSpec;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The logs of a local host: its files under its root, through {@link LocalHostFiles} (links resolve
 * inside the root). Reading happens later, file by file, on the caller's pool.
 */
public final class LocalLogFetcher implements LogFetcher {

  private final long maxSourceBytes;

  public LocalLogFetcher(long maxSourceBytes) {
    this.maxSourceBytes = maxSourceBytes;
  }

  @Override
  public CompletionStage<LogSource> fetch(HostSpec host) {
    return CompletableFuture.completedFuture(
        new HostFilesLogSource(new LocalHostFiles(Path.of(host.root()), maxSourceBytes)));
  }
}
