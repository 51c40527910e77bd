package io.driftwatch.node.collect;

import io.driftwatch.node.fact.Text;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The filesystem of a host rooted at a local directory: "/" for the node's own machine, or a
 * fixture directory laid out like a host. Symbolic links are resolved as if the root were the
 * host's "/", so nothing outside the root is ever read.
 */
public final class LocalHostFiles implements HostFiles {

  /** The same limit as Linux (MAXSYMLINKS), so a path resolves here exactly when it does there. */
  static final int MAX_LINK_HOPS = 40;

  private final Path root;
  private final long maxSourceBytes;

  /**
   * @param root the directory standing for the host's "/"
   * @param maxSourceBytes the largest file {@link #read} accepts
   */
  public LocalHostFiles(Path root, long maxSourceBytes) {
    if (maxSourceBytes <= 0 || maxSourceBytes >= Integer.MAX_VALUE - 8) {
      // read() returns the whole file as one String, so the limit must fit in an array.
      throw new IllegalArgumentException(
          "maxSourceBytes must be between 1 and "
              + (Integer.MAX_VALUE - 9)
              + ": "
              + maxSourceBytes);
    }
    this.root = root.toAbsolutePath().normalize();
    this.maxSourceBytes = maxSourceBytes;
  }

  /** The directory standing for the host's "/". */
  public Path root() {
    return root;
  }

  @Override
  public Optional<String> read(String path) throws IOException {
    Optional<Path> file = regularFile(path);
    if (file.isEmpty()) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(file.get(), LinkOption.NOFOLLOW_LINKS)) {
      // The reported size is no guide: /proc says 0 and sysfs a page (4096) whatever the content.
      // Read to EOF, but never more than one byte past the limit, which is enough to know that the
      // limit was exceeded.
      byte[] bytes = in.readNBytes((int) maxSourceBytes + 1);
      if (bytes.length > maxSourceBytes) {
        throw new SourceTooLargeException(path, maxSourceBytes);
      }
      return Optional.of(new String(bytes, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (FileSystemException e) {
      throw asSeenOnHost(e, path);
    }
  }

  @Override
  public List<String> list(String dir) throws IOException {
    Optional<Path> resolved = resolve(dir, true);
    if (resolved.isEmpty() || !Files.isDirectory(resolved.get(), LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(resolved.get())) {
      entries.forEach(entry -> names.add(entry.getFileName().toString()));
    } catch (NoSuchFileException | NotDirectoryException e) {
      return List.of();
    } catch (FileSystemException e) {
      throw asSeenOnHost(e, dir);
    }
    names.sort(null);
    return List.copyOf(names);
  }

  @Override
  public Optional<FileInfo> stat(String path) throws IOException {
    Optional<Path> resolved = resolve(path, false);
    if (resolved.isEmpty()) {
      return Optional.empty();
    }
    try {
      Map<String, Object> unix =
          Files.readAttributes(resolved.get(), "unix:*", LinkOption.NOFOLLOW_LINKS);
      FileInfo.Type type = typeOf(unix);
      String target =
          type == FileInfo.Type.SYMLINK ? Files.readSymbolicLink(resolved.get()).toString() : null;
      return Optional.of(
          new FileInfo(
              type,
              (Long) unix.get("size"),
              (Integer) unix.get("mode") & 07777,
              (Integer) unix.get("uid"),
              (Integer) unix.get("gid"),
              target));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (FileSystemException e) {
      throw asSeenOnHost(e, path);
    }
  }

  @Override
  public InputStream open(String path) throws IOException {
    Optional<Path> file = regularFile(path);
    if (file.isEmpty()) {
      throw new NoSuchFileException(path, null, "no such file");
    }
    try {
      return Files.newInputStream(file.get(), LinkOption.NOFOLLOW_LINKS);
    } catch (FileSystemException e) {
      throw asSeenOnHost(e, path);
    }
  }

  /**
   * The local path of a regular file, links followed, or empty when absent. Anything else is
   * refused before it is opened: a FIFO would block the reader forever, a device never end.
   */
  private Optional<Path> regularFile(String path) throws IOException {
    Optional<Path> resolved = resolve(path, true);
    if (resolved.isEmpty()) {
      return Optional.empty();
    }
    BasicFileAttributes attributes;
    try {
      attributes =
          Files.readAttributes(
              resolved.get(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (FileSystemException e) {
      throw asSeenOnHost(e, path);
    }
    if (!attributes.isRegularFile()) {
      throw new IOException(path + ": not a regular file");
    }
    return resolved;
  }

  /**
   * Maps a host path to a local path under the root, resolving symbolic links one component at a
   * time the way the kernel would inside a chroot: an absolute target starts again at the root and
   * ".." stops at the root. Empty when a directory on the way is missing or not a directory.
   *
   * @param followFinal whether a link in the last component is followed too
   */
  private Optional<Path> resolve(String hostPath, boolean followFinal) throws IOException {
    requireHostPath(hostPath);
    Deque<String> pending = new ArrayDeque<>(components(hostPath));
    Deque<String> resolved = new ArrayDeque<>();
    int hops = 0;
    while (!pending.isEmpty()) {
      String name = pending.removeFirst();
      if (name.equals(".")) {
        continue;
      }
      if (name.equals("..")) {
        resolved.pollLast();
        continue;
      }
      Path local = local(resolved).resolve(name);
      boolean last = pending.isEmpty();
      BasicFileAttributes attributes;
      String target = null;
      try {
        attributes =
            Files.readAttributes(local, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink() && (!last || followFinal)) {
          target = Files.readSymbolicLink(local).toString();
        }
      } catch (NoSuchFileException e) {
        return last ? Optional.of(local) : Optional.empty();
      } catch (FileSystemException e) {
        throw asSeenOnHost(e, hostPath);
      }
      if (target != null) {
        if (++hops > MAX_LINK_HOPS) {
          throw new IOException(hostPath + ": too many levels of symbolic links");
        }
        if (target.startsWith("/")) {
          resolved.clear();
        }
        List<String> targetComponents = components(target);
        for (int i = targetComponents.size() - 1; i >= 0; i--) {
          pending.addFirst(targetComponents.get(i));
        }
        continue;
      }
      if (!last && !attributes.isDirectory()) {
        return Optional.empty();
      }
      resolved.addLast(name);
    }
    return Optional.of(local(resolved));
  }

  private Path local(Deque<String> components) {
    Path path = root;
    for (String component : components) {
      path = path.resolve(component);
    }
    return path;
  }

  private static List<String> components(String path) {
    List<String> components = new ArrayList<>();
    for (String part : path.split("/")) {
      if (!part.isEmpty()) {
        components.add(part);
      }
    }
    return components;
  }

  private static void requireHostPath(String path) {
    if (path == null || !path.startsWith("/") || path.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "host path " + Text.quote(path) + " must be absolute and contain no NUL character");
    }
  }

  private static FileInfo.Type typeOf(Map<String, Object> unix) {
    if (Boolean.TRUE.equals(unix.get("isSymbolicLink"))) {
      return FileInfo.Type.SYMLINK;
    }
    if (Boolean.TRUE.equals(unix.get("isDirectory"))) {
      return FileInfo.Type.DIRECTORY;
    }
    if (Boolean.TRUE.equals(unix.get("isRegularFile"))) {
      return FileInfo.Type.FILE;
    }
    return FileInfo.Type.OTHER;
  }

  /**
   * The same failure named by the host path rather than the local one, so that reasons shown to
   * operators read "/etc/shadow: permission denied" whatever the root; the type is kept so that
   * callers can still tell a denied read apart.
   */
  private static IOException asSeenOnHost(FileSystemException e, String hostPath) {
    if (e instanceof AccessDeniedException) {
      return new AccessDeniedException(hostPath, null, "permission denied");
    }
    if (e instanceof NoSuchFileException) {
      return new NoSuchFileException(hostPath, null, "no such file");
    }
    String reason = e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
    return new FileSystemException(hostPath, null, reason);
  }
}
