package io.driftwatch.node.collect.source;

import io.driftwatch.node.collect.HostFiles;
import io.driftwatch.node.collect.Input;
import io.driftwatch.node.fact.Text;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/**
 * One configured tracked-file path, whose segments may be globs ({@code *}, {@code ?}, {@code
 * [...]}) matched against the names in the host's directory above them. There is no {@code **}:
 * every match costs one directory listing per segment, never a walk of a whole tree.
 */
final class TrackedFileGlob {

  private final String pattern;
  private final List<Segment> segments;

  private TrackedFileGlob(String pattern, List<Segment> segments) {
    this.pattern = pattern;
    this.segments = segments;
  }

  /** Compiles a configured pattern, or throws {@link IllegalArgumentException} saying why not. */
  static TrackedFileGlob of(String pattern) {
    if (pattern == null || !pattern.startsWith("/") || pattern.indexOf('\0') >= 0) {
      throw invalid(pattern, "it must be an absolute path");
    }
    List<Segment> segments = new ArrayList<>();
    for (String part : pattern.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      if (part.equals(".") || part.equals("..")) {
        throw invalid(pattern, "'.' and '..' are not allowed");
      }
      if (part.contains("**")) {
        throw invalid(pattern, "'**' is not supported; list each directory level");
      }
      segments.add(Segment.of(pattern, part));
    }
    if (segments.isEmpty()) {
      throw invalid(pattern, "it names no file");
    }
    return new TrackedFileGlob(pattern, List.copyOf(segments));
  }

  /**
   * The host paths matching this pattern now; a literal path is returned whether or not it exists.
   */
  List<String> expand(HostFiles files) throws IOException {
    List<String> current = List.of("/");
    for (Segment segment : segments) {
      List<String> next = new ArrayList<>();
      for (String dir : current) {
        if (segment.matcher == null) {
          next.add(child(dir, segment.text));
        } else {
          for (String name : files.list(dir)) {
            // The JDK's glob syntax, one segment at a time, so '*' can never cross a '/'.
            if (segment.matcher.matches(Path.of(name))) {
              next.add(child(dir, name));
            }
          }
        }
      }
      current = next;
    }
    return current;
  }

  /**
   * What expanding this pattern reads: the path itself when it has no glob, else the directory
   * above its first glob segment down to the pattern's last segment.
   */
  Input input() {
    int first = 0;
    while (first < segments.size() && segments.get(first).matcher == null) {
      first++;
    }
    // The same path expand() builds for the literal segments.
    StringBuilder dir = new StringBuilder();
    for (Segment segment : segments.subList(0, first)) {
      dir.append('/').append(segment.text);
    }
    return Input.listing(dir.length() == 0 ? "/" : dir.toString(), segments.size() - first);
  }

  @Override
  public String toString() {
    return pattern;
  }

  private static String child(String dir, String name) {
    return dir.equals("/") ? "/" + name : dir + "/" + name;
  }

  private static IllegalArgumentException invalid(String pattern, String why) {
    return new IllegalArgumentException(
        "invalid tracked file "
            + Text.quote(pattern)
            + " in driftwatch.collector.tracked-files: "
            + why);
  }

  /** One path segment: a literal name (no matcher) or a glob. */
  private record Segment(String text, PathMatcher matcher) {

    static Segment of(String pattern, String text) {
      if (text.chars().noneMatch(c -> c == '*' || c == '?' || c == '[')) {
        return new Segment(text, null);
      }
      try {
        return new Segment(text, FileSystems.getDefault().getPathMatcher("glob:" + text));
      } catch (PatternSyntaxException e) {
        throw invalid(pattern, e.getDescription());
      }
    }
  }
}
