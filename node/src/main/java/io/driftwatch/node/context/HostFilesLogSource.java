package io.driftwatch.node.context;

import io.driftwatch.node.collect.FileInfo;
import io.driftwatch.node.collect.HostFiles;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** A host's logs read through {@link HostFiles}: only the tail of each file, never all of it. */
public final class HostFilesLogSource implements LogSource {

  private final HostFiles files;

  public HostFilesLogSource(HostFiles files) {
    this.files = files;
  }

  @Override
  public Optional<Tail> tail(String path, int maxBytes) throws IOException {
    Optional<FileInfo> info = files.stat(path);
    if (info.isEmpty() || !info.get().isFile()) {
      return Optional.empty();
    }
    long size = info.get().size();
    long skip = Math.max(0, size - maxBytes);
    try (InputStream in = files.open(path)) {
      long skipped = 0;
      while (skipped < skip) {
        long n = in.skip(skip - skipped);
        if (n <= 0) {
          break;
        }
        skipped += n;
      }
      // The file may have grown since stat: read at most maxBytes, a cut line is dropped anyway.
      byte[] bytes = in.readNBytes(maxBytes);
      return Optional.of(new Tail(bytes, skip > 0));
    }
  }

  @Override
  public Optional<String> linkTarget(String path) throws IOException {
    return files.stat(path).map(FileInfo::linkTarget);
  }
}
