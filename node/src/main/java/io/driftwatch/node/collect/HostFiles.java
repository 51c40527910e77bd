package io.driftwatch.node.collect;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * A read-only view of one host's filesystem, the input of every file-based fact source. Paths are
 * absolute as seen on the host ("/etc/passwd"); implementations decide where the bytes come from (a
 * local directory standing for the host, or files transmitted by a remote probe).
 */
public interface HostFiles {

  /**
   * The whole file as text (UTF-8, malformed bytes replaced), or empty when it does not exist.
   *
   * @throws SourceTooLargeException when the file is larger than the per-source limit
   * @throws IOException when it exists but cannot be read
   */
  Optional<String> read(String path) throws IOException;

  /** The names in a directory, sorted; empty when the directory does not exist. */
  List<String> list(String dir) throws IOException;

  /** Metadata of a path without following a final symbolic link; empty when absent. */
  Optional<FileInfo> stat(String path) throws IOException;

  /** The bytes of a regular file, for hashing large files without holding them in memory. */
  InputStream open(String path) throws IOException;

  /**
   * The sha256 of a regular file (links followed) and its text when it is small: what a tracked
   * file is recorded by. By default it streams {@link #open}; a remote snapshot answers from the
   * content or the hash it was sent.
   */
  default FileDigest digest(String path, long hashMaxBytes, int contentMaxBytes)
      throws IOException {
    try (InputStream in = open(path)) {
      return FileDigest.of(in, hashMaxBytes, contentMaxBytes);
    }
  }
}
