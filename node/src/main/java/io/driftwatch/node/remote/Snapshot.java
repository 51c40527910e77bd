package io.driftwatch.node.remote;

import io.driftwatch.node.collect.FileInfo;
import io.driftwatch.node.collect.Input;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The raw inputs of one host as a probe gathered them: what each declared {@link Input} answered.
 * Fact sources read it through {@link SnapshotHostFiles} and {@link RecordedCommands} exactly as
 * they read a local host; a question outside the declared inputs is refused, so an undeclared read
 * cannot silently look like a missing file.
 */
public final class Snapshot {

  /** What reading a file answered. */
  public sealed interface Read {

    /** The file's exact bytes. */
    record Content(byte[] bytes) implements Read {
      public Content {
        bytes = bytes.clone();
      }

      @Override
      public byte[] bytes() {
        return bytes.clone();
      }

      @Override
      public boolean equals(Object o) {
        return o instanceof Content other && Arrays.equals(bytes, other.bytes);
      }

      @Override
      public int hashCode() {
        return Arrays.hashCode(bytes);
      }

      @Override
      public String toString() {
        return "Content[" + bytes.length + " bytes]";
      }
    }

    /** No such file. */
    record Absent() implements Read {}

    /** The file exists but the probe may not read it. */
    record Denied() implements Read {}

    /** Reading failed otherwise; the message is the one a local read would give. */
    record Failed(String message) implements Read {}
  }

  /** What running a command answered. */
  public sealed interface Run {

    /** It exited with status 0; its standard output. */
    record Output(String text) implements Run {}

    /** The program is not installed. */
    record NotInstalled() implements Run {}

    /** It failed; the message is the one a local run would give. */
    record Failed(String message) implements Run {}
  }

  /** The sha256 and size of a file whose content was not sent (larger than the content cap). */
  public record Digest(String sha256, long size) {}

  private final List<Input> declared;
  private final Map<String, Read> reads;
  private final Map<String, FileInfo> stats;
  private final Map<String, List<String>> listings;
  private final Map<String, Digest> digests;
  private final Map<List<String>, Run> runs;

  private Snapshot(Builder b) {
    this.declared = List.copyOf(b.declared);
    this.reads = Map.copyOf(b.reads);
    this.stats = Map.copyOf(b.stats);
    Map<String, List<String>> sorted = new HashMap<>();
    b.listings.forEach((dir, names) -> sorted.put(dir, List.copyOf(names)));
    this.listings = Map.copyOf(sorted);
    this.digests = Map.copyOf(b.digests);
    this.runs = Map.copyOf(b.runs);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** All of these together; for a path answered by several, the last one's answer counts. */
  public static Snapshot merge(List<Snapshot> parts) {
    Builder b = new Builder();
    for (Snapshot part : parts) {
      b.declared.addAll(part.declared);
      b.reads.putAll(part.reads);
      b.stats.putAll(part.stats);
      part.listings.forEach((dir, names) -> b.listings.put(dir, new TreeSet<>(names)));
      b.digests.putAll(part.digests);
      b.runs.putAll(part.runs);
    }
    return b.build();
  }

  /** What reading {@code path} answers, or empty when no declared input covers it. */
  Optional<Read> read(String path) {
    Read read = reads.get(path);
    if (read != null) {
      return Optional.of(read);
    }
    return Coverage.read(declared, path) ? Optional.of(new Read.Absent()) : Optional.empty();
  }

  /** The metadata of {@code path} (empty inside: absent), or empty when it is not covered. */
  Optional<Optional<FileInfo>> stat(String path) {
    FileInfo info = stats.get(path);
    if (info != null) {
      return Optional.of(Optional.of(info));
    }
    return Coverage.stat(declared, path) ? Optional.of(Optional.empty()) : Optional.empty();
  }

  /** The names in {@code dir} (empty when it is missing), or empty when it is not covered. */
  Optional<List<String>> list(String dir) {
    List<String> names = listings.get(dir);
    if (names != null) {
      return Optional.of(names);
    }
    return Coverage.list(declared, dir) ? Optional.of(List.of()) : Optional.empty();
  }

  /** The sha256 sent for a file instead of its content. */
  Optional<Digest> digest(String path) {
    return Optional.ofNullable(digests.get(path));
  }

  /** Whether {@link HostFiles#digest} of {@code path} is answered. */
  boolean coversDigest(String path) {
    return Coverage.digest(declared, path);
  }

  /** What running {@code argv} answered, or empty when it was not run. */
  Optional<Run> run(List<String> argv) {
    return Optional.ofNullable(runs.get(argv));
  }

  /** Collects one snapshot; every method returns the builder. */
  public static final class Builder {
    private final List<Input> declared = new ArrayList<>();
    private final Map<String, Read> reads = new HashMap<>();
    private final Map<String, FileInfo> stats = new HashMap<>();
    private final Map<String, TreeSet<String>> listings = new HashMap<>();
    private final Map<String, Digest> digests = new HashMap<>();
    private final Map<List<String>, Run> runs = new HashMap<>();

    private Builder() {}

    /** The inputs whose questions this snapshot answers; what they cover and lacks is absent. */
    public Builder declare(List<Input> inputs) {
      declared.addAll(inputs);
      return this;
    }

    public Builder read(String path, Read read) {
      reads.put(path, read);
      return this;
    }

    public Builder stat(String path, FileInfo info) {
      stats.put(path, info);
      return this;
    }

    /** Records that {@code dir} exists as a directory, with no entry yet. */
    public Builder directory(String dir) {
      listings.computeIfAbsent(dir, d -> new TreeSet<>());
      return this;
    }

    /** Records one name in {@code dir}. */
    public Builder entry(String dir, String name) {
      listings.computeIfAbsent(dir, d -> new TreeSet<>()).add(name);
      return this;
    }

    public Builder digest(String path, Digest digest) {
      digests.put(path, digest);
      return this;
    }

    public Builder run(List<String> argv, Run run) {
      runs.put(List.copyOf(argv), run);
      return this;
    }

    public Snapshot build() {
      return new Snapshot(this);
    }
  }
}
