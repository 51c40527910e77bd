package io.driftwatch.node.remote;

import io.driftwatch.node.collect.CollectorSettings;
import io.driftwatch.node.collect.CommandRunner;
import io.driftwatch.node.collect.FileDigest;
import io.driftwatch.node.collect.FileInfo;
import io.driftwatch.node.collect.HostFiles;
import io.driftwatch.node.collect.Input;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;

/**
 * Test-only reader of declared inputs through a {@link HostFiles}: the reference meaning of each
 * {@link Input}, against which both the sources' declarations and the remote script are checked.
 */
final class LocalSnapshots {

  /** Deep enough for any real tree (/proc/sys is 6 levels); deeper ones are cut by the sources. */
  private static final int MAX_TREE_DEPTH = 40;

  private final HostFiles files;
  private final Optional<CommandRunner> commands;
  private final CollectorSettings settings;
  private final Snapshot.Builder snapshot = Snapshot.builder();

  private LocalSnapshots(
      HostFiles files, Optional<CommandRunner> commands, CollectorSettings settings) {
    this.files = files;
    this.commands = commands;
    this.settings = settings;
  }

  /** A snapshot holding what each of {@code inputs} reads on the host. */
  static Snapshot read(
      List<Input> inputs,
      HostFiles files,
      Optional<CommandRunner> commands,
      CollectorSettings settings)
      throws IOException {
    LocalSnapshots reader = new LocalSnapshots(files, commands, settings);
    reader.snapshot.declare(inputs);
    for (Input input : inputs) {
      reader.add(input);
    }
    return reader.snapshot.build();
  }

  private void add(Input input) throws IOException {
    if (input instanceof Input.File f) {
      snapshot.read(f.path(), content(f.path()));
    } else if (input instanceof Input.FilesIn in) {
      for (String name : files.list(in.dir())) {
        String path = in.dir() + "/" + name + "/" + in.name();
        Snapshot.Read read = content(path);
        if (!(read instanceof Snapshot.Read.Absent)) {
          snapshot.read(path, read);
        }
      }
    } else if (input instanceof Input.Stat s) {
      files.stat(s.path()).ifPresent(info -> snapshot.stat(s.path(), info));
    } else if (input instanceof Input.Listing l) {
      if (l.depth() == 0) {
        entry(l.dir());
      } else {
        walk(l.dir(), 1, l.depth());
      }
    } else if (input instanceof Input.Tree t) {
      Optional<FileInfo> root = files.stat(t.root());
      root.ifPresent(info -> snapshot.stat(t.root(), info));
      if (root.isPresent() && root.get().isDirectory()) {
        tree(t, t.root(), 1);
      }
    } else if (input instanceof Input.Command c && commands.isPresent()) {
      if (c.guard().requires() != null && files.stat(c.guard().requires()).isEmpty()) {
        snapshot.run(c.argv(), new Snapshot.Run.NotInstalled());
        return;
      }
      try {
        Optional<String> output = commands.get().run(c.argv());
        snapshot.run(
            c.argv(),
            output.isPresent()
                ? new Snapshot.Run.Output(output.get())
                : new Snapshot.Run.NotInstalled());
      } catch (IOException e) {
        snapshot.run(c.argv(), new Snapshot.Run.Failed(e.getMessage()));
      }
    }
  }

  private void walk(String dir, int level, int depth) throws IOException {
    for (String name : files.list(dir)) {
      String path = child(dir, name);
      snapshot.entry(dir, name);
      entry(path);
      if (level < depth) {
        walk(path, level + 1, depth);
      }
    }
  }

  /** An entry's metadata, and its content or sha256 by the caps of tracked files. */
  private void entry(String path) throws IOException {
    Optional<FileInfo> info = files.stat(path);
    if (info.isEmpty()) {
      return;
    }
    snapshot.stat(path, info.get());
    if (!info.get().isFile()) {
      return;
    }
    if (info.get().size() <= settings.contentMaxBytes()) {
      snapshot.read(path, content(path));
    } else if (info.get().size() <= settings.hashMaxBytes()) {
      try {
        FileDigest digest = files.digest(path, settings.hashMaxBytes(), settings.contentMaxBytes());
        digest
            .sha256()
            .ifPresent(sha -> snapshot.digest(path, new Snapshot.Digest(sha, digest.size())));
      } catch (AccessDeniedException e) {
        snapshot.read(path, new Snapshot.Read.Denied());
      }
    }
  }

  private void tree(Input.Tree tree, String dir, int level) throws IOException {
    snapshot.directory(dir);
    for (String name : files.list(dir)) {
      String path = child(dir, name);
      Optional<FileInfo> info = files.stat(path);
      if (info.isEmpty()) {
        continue;
      }
      if (info.get().isDirectory()) {
        if (!tree.skippedDirs().contains(name) && level < MAX_TREE_DEPTH) {
          snapshot.entry(dir, name).stat(path, info.get());
          tree(tree, path, level + 1);
        }
      } else if (!tree.skippedFiles().contains(name)) {
        snapshot.entry(dir, name).stat(path, info.get());
        if (info.get().isFile()) {
          snapshot.read(path, content(path));
        }
      }
    }
  }

  private Snapshot.Read content(String path) {
    try (InputStream in = files.open(path)) {
      return new Snapshot.Read.Content(in.readAllBytes());
    } catch (NoSuchFileException e) {
      return new Snapshot.Read.Absent();
    } catch (AccessDeniedException e) {
      return new Snapshot.Read.Denied();
    } catch (IOException e) {
      return new Snapshot.Read.Failed(e.getMessage());
    }
  }

  private static String child(String dir, String name) {
    return dir.equals("/") ? "/" + name : dir + "/" + name;
  }
}
