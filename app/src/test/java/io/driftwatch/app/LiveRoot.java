package io.driftwatch.app;

import io.driftwatch.node.testing.FixtureHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A fixture root that scheduled probes may read at any moment. {@link FixtureHost#writeTo} wipes
 * and rewrites a root, so a probe running meanwhile would see a half-written host and record
 * changes that never happened. Here each new state is written beside the root and moved in file by
 * file with atomic renames: a probe sees every file either old or new. Tests that change one fact
 * per step therefore see each step's change exactly once, whichever probe finds it.
 */
final class LiveRoot {

  private final Path root;
  private final Path staging;
  private final Path spare;

  LiveRoot(Path dir) {
    this.root = dir.resolve("root");
    this.staging = dir.resolve("staging");
    this.spare = dir.resolve("spare");
  }

  Path root() {
    return root;
  }

  /** Makes the root show {@code host}, one atomic rename per changed file. */
  void show(FixtureHost host) {
    try {
      host.writeTo(staging);
      Files.createDirectories(root);
      Files.createDirectories(spare);
      List<Path> wanted;
      try (Stream<Path> walk = Files.walk(staging)) {
        wanted = walk.filter(p -> !p.equals(staging)).map(staging::relativize).toList();
      }
      for (Path relative : wanted) {
        moveIn(relative);
      }
      List<Path> present;
      try (Stream<Path> walk = Files.walk(root)) {
        present =
            walk.filter(p -> !p.equals(root))
                .sorted(Comparator.reverseOrder())
                .map(root::relativize)
                .toList();
      }
      for (Path relative : present) {
        if (!Files.exists(staging.resolve(relative), LinkOption.NOFOLLOW_LINKS)) {
          Files.delete(root.resolve(relative));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update fixture root " + root, e);
    }
  }

  private void moveIn(Path relative) throws IOException {
    Path from = staging.resolve(relative);
    Path to = root.resolve(relative);
    if (Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(to);
      return;
    }
    if (same(from, to)) {
      return;
    }
    Path next = spare.resolve("next");
    Files.deleteIfExists(next);
    Files.copy(from, next, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
    Files.move(next, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static boolean same(Path a, Path b) throws IOException {
    if (!Files.exists(b, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    if (Files.isSymbolicLink(a) || Files.isSymbolicLink(b)) {
      return Files.isSymbolicLink(a)
          && Files.isSymbolicLink(b)
          && Files.readSymbolicLink(a).equals(Files.readSymbolicLink(b));
    }
    return Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b))
        && Files.getPosixFilePermissions(a).equals(Files.getPosixFilePermissions(b));
  }
}
