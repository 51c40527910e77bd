package io.driftwatch.node.testing;

import io.driftwatch.node.collect.FileInfo;
import io.driftwatch.node.collect.HostContext;
import io.driftwatch.node.collect.HostFiles;
import io.driftwatch.node.collect.SourceTooLargeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Test-only {@link HostFiles} over a directory standing for a host's filesystem. Symbolic links are
 * resolved as if the directory were the root ("/etc/os-release -> ../usr/lib/os-release" and
 * absolute targets stay inside it), so fixture trees behave like real hosts.
 */
public final class DirectoryHostFiles implements HostFiles {

  /** The collector's default per-source limit. */
  public static final long DEFAULT_MAX_BYTES = 32L * 1024 * 1024;

  private static final int MAX_LINK_HOPS = 40;

  private final Path root;
  private final long maxBytes;

  public DirectoryHostFiles(Path root) {
    this(root, DEFAULT_MAX_BYTES);
  }

  public DirectoryHostFiles(Path root, long maxBytes) {
    this.root = root.toAbsolutePath().normalize();
    this.maxBytes = maxBytes;
  }

  /** A host context over {@code root} without commands, as the collector builds for a fixture. */
  public static HostContext context(Path root) {
    return new HostContext(new DirectoryHostFiles(root), Optional.empty());
  }

  @Override
  public Optional<String> read(String path) throws IOException {
    Path file = resolve(path, true);
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    if (Files.size(file) > maxBytes) {
      throw new SourceTooLargeException(path, maxBytes);
    }
    return Optional.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
  }

  @Override
  public List<String> list(String dir) throws IOException {
    Path directory = resolve(dir, true);
    if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Override
  public Optional<FileInfo> stat(String path) throws IOException {
    Path file = resolve(path, false);
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    PosixFileAttributes attributes =
        Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    FileInfo.Type type =
        attributes.isSymbolicLink()
            ? FileInfo.Type.SYMLINK
            : attributes.isDirectory()
                ? FileInfo.Type.DIRECTORY
                : attributes.isRegularFile() ? FileInfo.Type.FILE : FileInfo.Type.OTHER;
    return Optional.of(
        new FileInfo(
            type,
            attributes.size(),
            mode(attributes),
            (Integer) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS),
            (Integer) Files.getAttribute(file, "unix:gid", LinkOption.NOFOLLOW_LINKS),
            attributes.isSymbolicLink() ? Files.readSymbolicLink(file).toString() : null));
  }

  @Override
  public InputStream open(String path) throws IOException {
    return Files.newInputStream(resolve(path, true));
  }

  private static int mode(PosixFileAttributes attributes) {
    int mode = 0;
    for (PosixFilePermission permission : attributes.permissions()) {
      // PosixFilePermission lists owner read first; its ordinal counts down from bit 8.
      mode |= 1 << (8 - permission.ordinal());
    }
    return mode;
  }

  /**
   * The file standing for a host path, following symbolic links inside the root the way the kernel
   * would inside a chroot: ".." never leaves the root, absolute targets start at it.
   */
  private Path resolve(String hostPath, boolean followLast) throws IOException {
    if (!hostPath.startsWith("/")) {
      throw new IOException("not an absolute host path: " + hostPath);
    }
    Deque<String> pending = new ArrayDeque<>(Arrays.asList(hostPath.split("/")));
    List<String> resolved = new ArrayList<>();
    int hops = 0;
    while (!pending.isEmpty()) {
      String segment = pending.removeFirst();
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (!resolved.isEmpty()) {
          resolved.remove(resolved.size() - 1);
        }
        continue;
      }
      resolved.add(segment);
      Path candidate = root.resolve(String.join("/", resolved));
      boolean last = pending.isEmpty();
      if ((last && !followLast) || !Files.isSymbolicLink(candidate)) {
        continue;
      }
      if (++hops > MAX_LINK_HOPS) {
        throw new IOException("too many levels of symbolic links: " + hostPath);
      }
      String target = Files.readSymbolicLink(candidate).toString();
      resolved.remove(resolved.size() - 1);
      if (target.startsWith("/")) {
        resolved.clear();
      }
      List<String> targetSegments = Arrays.asList(target.split("/"));
      for (int i = targetSegments.size() - 1; i >= 0; i--) {
        pending.addFirst(targetSegments.get(i));
      }
    }
    return resolved.isEmpty() ? root : root.resolve(String.join("/", resolved));
  }
}
