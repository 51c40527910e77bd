package io.driftwatch.node.collect;

import io.driftwatch.node.fact.Text;
import java.util.List;
import java.util.Objects;

/**
 * One raw input that a fact source reads: declared so that a remote probe gathers exactly these on
 * the target and the node parses them with the same code as a local probe. Paths are absolute host
 * paths as the source passes them to {@link HostFiles}.
 */
public sealed interface Input {

  /** The deepest {@link Listing} a remote probe walks. */
  int MAX_LISTING_DEPTH = 2;

  /**
   * A file's content, links followed ({@link HostFiles#read}, {@link HostFiles#open}).
   *
   * @param stableParts for a kernel file that changes by itself, extended regular expressions
   *     (POSIX ERE, as {@code grep -E -o}) matching every part the parser uses; a remote probe of
   *     the node's own machine hashes only those parts to tell whether the file changed. Empty: the
   *     whole content matters.
   */
  record File(String path, List<String> stableParts) implements Input {
    public File {
      requirePath(path);
      stableParts = List.copyOf(stableParts);
      stableParts.forEach(part -> requireText("pattern", part));
    }
  }

  /** The file {@code name} in every directory directly below {@code dir}, e.g. module versions. */
  record FilesIn(String dir, String name) implements Input {
    public FilesIn {
      requirePath(dir);
      requireName(name);
    }
  }

  /** The metadata of one path, a final link not followed ({@link HostFiles#stat}). */
  record Stat(String path) implements Input {
    public Stat {
      requirePath(path);
    }
  }

  /**
   * A directory's entries to {@code depth} levels ({@link HostFiles#list} of the directory and of
   * the entries above the last level, {@link HostFiles#stat} of every entry), the content of every
   * regular entry up to the content cap and the sha256 of larger ones up to the hash cap ({@link
   * HostFiles#digest}). Depth 0 is the path itself: its metadata, and its content if it is a file.
   */
  record Listing(String dir, int depth) implements Input {
    public Listing {
      requirePath(dir);
      if (depth < 0) {
        throw new IllegalArgumentException("listing depth must not be negative: " + depth);
      }
    }
  }

  /**
   * Everything below a directory: its metadata, and every directory listing, entry and readable
   * file under it, except entries with one of the skipped names, which are never read (a file can
   * have an effect when read, or hold a secret).
   */
  record Tree(String root, List<String> skippedFiles, List<String> skippedDirs) implements Input {
    public Tree {
      requirePath(root);
      skippedFiles = List.copyOf(skippedFiles);
      skippedDirs = List.copyOf(skippedDirs);
      skippedFiles.forEach(Input::requireName);
      skippedDirs.forEach(Input::requireName);
    }
  }

  /**
   * A fixed command ({@link CommandRunner#run}), run only on a host whose root is "/". Its words
   * are constants of Driftwatch's own and never contain blanks.
   *
   * @param guard what its output depends on, so that a remote probe runs it only after that
   *     changed; {@link Guard#NONE} when it must run every time
   */
  record Command(List<String> argv, Guard guard) implements Input {
    public Command {
      argv = List.copyOf(argv);
      Objects.requireNonNull(guard, "guard");
      if (argv.isEmpty()) {
        throw new IllegalArgumentException("a command needs a program name");
      }
      for (String word : argv) {
        requireWord("command word", word);
      }
    }
  }

  /**
   * The files whose metadata decide a command's output: the entries up to two levels below each of
   * {@code dirs} (links followed) whose path matches one of {@code patterns} ({@code find -path}
   * globs, in which "*" also matches "/"), and every symbolic link there. While none of them
   * changed name, type, inode, size, change or modification time, the command would print what it
   * printed before. A remote probe may select more entries than these (the patterns of all guards
   * apply to every guard's directories), never fewer.
   *
   * @param requires a path whose absence makes the output meaningless (systemctl's unit files
   *     without a running systemd): then the command is not run at all and answers as not
   *     installed; null when it always runs
   */
  record Guard(List<String> dirs, List<String> patterns, String requires) {

    /** No guard: the command runs every time. */
    public static final Guard NONE = new Guard(List.of(), List.of(), null);

    public Guard {
      dirs = List.copyOf(dirs);
      patterns = List.copyOf(patterns);
      dirs.forEach(Input::requirePath);
      patterns.forEach(pattern -> requireWord("guard pattern", pattern));
      if (dirs.isEmpty() != patterns.isEmpty()) {
        throw new IllegalArgumentException("a guard needs both directories and patterns");
      }
      if (requires != null) {
        requirePath(requires);
        if (dirs.isEmpty()) {
          throw new IllegalArgumentException("only a guarded command can require a path");
        }
      }
    }

    /** A guard whose command always runs when it changed. */
    public Guard(List<String> dirs, List<String> patterns) {
      this(dirs, patterns, null);
    }

    public boolean isNone() {
      return dirs.isEmpty();
    }
  }

  /** A file's whole content. */
  static Input file(String path) {
    return new File(path, List.of());
  }

  /**
   * A kernel file that changes by itself, of which only the parts matched by {@code stable} matter.
   */
  static Input volatileFile(String path, String... stable) {
    return new File(path, List.of(stable));
  }

  static Input stat(String path) {
    return new Stat(path);
  }

  static Input listing(String dir, int depth) {
    return new Listing(dir, depth);
  }

  static Input command(List<String> argv) {
    return new Command(argv, Guard.NONE);
  }

  /** A command that a remote probe runs only after something {@code guard} watches changed. */
  static Input command(List<String> argv, Guard guard) {
    return new Command(argv, guard);
  }

  /**
   * Refuses anything but a clean absolute path: no empty, "." or ".." segment, no control
   * character, so that every path can travel as one line and names one place.
   */
  private static void requirePath(String path) {
    requireText("path", path);
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("input path must be absolute: " + Text.quote(path));
    }
    if (path.equals("/")) {
      return;
    }
    for (String segment : path.substring(1).split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("input path is not normalised: " + Text.quote(path));
      }
    }
  }

  private static void requireName(String name) {
    requireText("name", name);
    if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
      throw new IllegalArgumentException("invalid file name " + Text.quote(name));
    }
  }

  /** One word without blanks, as it travels on one data line and in one argument. */
  private static void requireWord(String what, String word) {
    requireText(what, word);
    if (word.isEmpty() || word.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("invalid " + what + " " + Text.quote(word));
    }
  }

  private static void requireText(String what, String text) {
    if (text == null || text.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "invalid " + what + " " + Text.quote(text) + ": control characters are not allowed");
    }
  }
}
