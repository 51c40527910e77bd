package io.driftwatch.node.collect.source;

import io.driftwatch.node.collect.CollectorSettings;
import io.driftwatch.node.collect.FactSource;
import io.driftwatch.node.collect.FileDigest;
import io.driftwatch.node.collect.FileInfo;
import io.driftwatch.node.collect.HostContext;
import io.driftwatch.node.collect.HostFiles;
import io.driftwatch.node.collect.Input;
import io.driftwatch.node.collect.SourceResult;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The configured tracked files as {@code file:PATH} facts: sha256, mode, owner and size, or the
 * target of a symbolic link; the text of small text files is kept for content diffs.
 */
public final class TrackedFilesSource implements FactSource {

  private final List<TrackedFileGlob> globs;
  private final long hashMaxBytes;
  private final int contentMaxBytes;

  /**
   * @throws IllegalArgumentException when a tracked-file pattern is invalid, naming it
   */
  public TrackedFilesSource(CollectorSettings settings) {
    this.globs = settings.trackedFiles().stream().map(TrackedFileGlob::of).toList();
    this.hashMaxBytes = settings.hashMaxBytes();
    this.contentMaxBytes = settings.contentMaxBytes();
  }

  @Override
  public String name() {
    return "files";
  }

  @Override
  public Set<String> categories() {
    return Set.of("file");
  }

  @Override
  public List<Input> inputs() {
    List<Input> inputs = new ArrayList<>();
    globs.forEach(glob -> inputs.add(glob.input()));
    // FileOwners names owners from the host's own account files.
    inputs.add(Input.file("/etc/passwd"));
    inputs.add(Input.file("/etc/group"));
    return List.copyOf(inputs);
  }

  @Override
  public SourceResult collect(HostContext host) throws IOException {
    HostFiles files = host.files();
    Result result = new Result();
    SortedSet<String> paths = new TreeSet<>();
    for (TrackedFileGlob glob : globs) {
      try {
        paths.addAll(glob.expand(files));
      } catch (IOException e) {
        // Files under it may exist: keep their last known values rather than report them removed.
        result.incomplete(glob + ": " + e.getMessage());
      }
    }
    for (String path : paths) {
      try {
        files.stat(path).ifPresent(info -> result.pending.put(path, info));
      } catch (IOException e) {
        result.incomplete(e.getMessage());
      }
    }
    FileOwners owners = owners(files, result);
    result.pending.forEach((path, info) -> record(files, path, info, owners, result));
    return new SourceResult(result.facts, result.problems, result.complete, result.contents);
  }

  /** The host's own account names, read only when some file needs them. */
  private static FileOwners owners(HostFiles files, Result result) {
    if (result.pending.values().stream().noneMatch(FileInfo::isFile)) {
      return FileOwners.numeric();
    }
    try {
      return FileOwners.read(files);
    } catch (IOException e) {
      // Numbers instead of names would show every file as changed: keep the last values instead.
      result.incomplete("owners shown as numbers: " + e.getMessage());
      return FileOwners.numeric();
    }
  }

  private void record(
      HostFiles files, String path, FileInfo info, FileOwners owners, Result result) {
    String key = "file:" + path;
    if (info.type() == FileInfo.Type.SYMLINK) {
      result.facts.put(key, "symlink=" + info.linkTarget());
      return;
    }
    if (!info.isFile()) {
      return;
    }
    String metadata =
        String.format("mode=%04o owner=%s", info.mode(), owners.owner(info.uid(), info.gid()));
    if (info.size() > hashMaxBytes) {
      result.facts.put(key, "unhashed size=" + info.size() + " " + metadata);
      return;
    }
    FileDigest digest;
    try {
      digest = files.digest(path, hashMaxBytes, contentMaxBytes);
    } catch (AccessDeniedException e) {
      result.facts.put(key, "unreadable " + metadata);
      result.problems.add(path + ": permission denied");
      return;
    } catch (NoSuchFileException e) {
      return; // removed since it was listed: absent, as it would be on the next probe
    } catch (IOException e) {
      result.incomplete(e.getMessage());
      return;
    }
    if (digest.sha256().isEmpty()) {
      result.facts.put(key, "unhashed size=" + digest.size() + " " + metadata);
      return;
    }
    String sha256 = digest.sha256().get();
    result.facts.put(key, "sha256:" + sha256 + " " + metadata + " size=" + digest.size());
    digest.text().ifPresent(text -> result.contents.put(sha256, text));
  }

  /** What one collection found so far. */
  private static final class Result {
    final Map<String, FileInfo> pending = new TreeMap<>();
    final Map<String, String> facts = new TreeMap<>();
    final Map<String, String> contents = new TreeMap<>();
    final List<String> problems = new ArrayList<>();
    boolean complete = true;

    void incomplete(String problem) {
      problems.add(problem);
      complete = false;
    }
  }
}
