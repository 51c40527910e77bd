package io.driftwatch.node.remote;

import io.driftwatch.node.collect.FileDigest;
import io.driftwatch.node.collect.FileInfo;
import io.driftwatch.node.collect.HostFiles;
import io.driftwatch.node.collect.SourceTooLargeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;

/**
 * A host's files as a {@link Snapshot} recorded them: answers and failures are the ones {@link
 * io.driftwatch.node.collect.LocalHostFiles} gives for the same files, so that every fact source
 * parses remote data exactly as it parses local data.
 */
public final class SnapshotHostFiles implements HostFiles {

  private final Snapshot snapshot;
  private final long maxSourceBytes;

  /**
   * @param maxSourceBytes the largest file {@link #read} accepts, as locally
   */
  public SnapshotHostFiles(Snapshot snapshot, long maxSourceBytes) {
    this.snapshot = snapshot;
    this.maxSourceBytes = maxSourceBytes;
  }

  @Override
  public Optional<String> read(String path) throws IOException {
    Optional<byte[]> bytes = bytes(path);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    if (bytes.get().length > maxSourceBytes) {
      throw new SourceTooLargeException(path, maxSourceBytes);
    }
    return Optional.of(new String(bytes.get(), StandardCharsets.UTF_8));
  }

  @Override
  public List<String> list(String dir) throws IOException {
    return snapshot.list(dir).orElseThrow(() -> new UndeclaredInputException("listing " + dir));
  }

  @Override
  public Optional<FileInfo> stat(String path) throws IOException {
    return snapshot.stat(path).orElseThrow(() -> new UndeclaredInputException("stat " + path));
  }

  @Override
  public InputStream open(String path) throws IOException {
    Optional<byte[]> bytes = bytes(path);
    if (bytes.isEmpty()) {
      throw new NoSuchFileException(path, null, "no such file");
    }
    return new ByteArrayInputStream(bytes.get());
  }

  @Override
  public FileDigest digest(String path, long hashMaxBytes, int contentMaxBytes) throws IOException {
    Optional<Snapshot.Digest> remote = snapshot.digest(path);
    if (remote.isPresent() && snapshot.coversDigest(path)) {
      long size = remote.get().size();
      return size > hashMaxBytes
          ? new FileDigest(Optional.empty(), size, Optional.empty())
          : new FileDigest(Optional.of(remote.get().sha256()), size, Optional.empty());
    }
    return HostFiles.super.digest(path, hashMaxBytes, contentMaxBytes);
  }

  /** The file's bytes, empty when absent; failures as a local read reports them. */
  private Optional<byte[]> bytes(String path) throws IOException {
    Snapshot.Read read =
        snapshot.read(path).orElseThrow(() -> new UndeclaredInputException("file " + path));
    if (read instanceof Snapshot.Read.Content content) {
      return Optional.of(content.bytes());
    }
    if (read instanceof Snapshot.Read.Denied) {
      throw new AccessDeniedException(path, null, "permission denied");
    }
    if (read instanceof Snapshot.Read.Failed failed) {
      throw new IOException(failed.message());
    }
    return Optional.empty();
  }
}
