package io.driftwatch.coordinator.content;

import io.driftwatch.coordinator.Failures;
import io.driftwatch.node.fact.ChangeEvent;
import io.driftwatch.node.fact.FactDifference;
import io.driftwatch.node.store.ChangeStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Unified diffs of tracked text files for answers that show file changes: a host's changes (old →
 * new) and a diff of two hosts (left → right). The texts come from the store by the sha256 the
 * facts name ({@link ChangeStore#content}); each distinct text is read once per answer, at most
 * {@code max-diffs} files are diffed, and diffing runs on {@code executor}, not the store's
 * threads.
 */
public final class ContentDiffs {

  private final ChangeStore store;
  private final ContentSettings settings;
  private final Executor executor;

  public ContentDiffs(ChangeStore store, ContentSettings settings, Executor executor) {
    this.store = store;
    this.settings = settings;
    this.executor = executor;
  }

  /** One file seen on two sides, with the labels its diff headers show. */
  private record FileSides(
      String id, String oldValue, String newValue, String oldLabel, String newLabel) {}

  /** The diff of each {@code file:} change, by change id; other changes have none. */
  public CompletionStage<Map<String, ContentDiff>> ofChanges(List<ChangeEvent> changes) {
    List<FileSides> files = new ArrayList<>();
    for (ChangeEvent c : changes) {
      if (FileFactValue.isFileKey(c.key())) {
        Instant before = c.windowFrom() == null ? c.detectedAt() : c.windowFrom();
        files.add(
            new FileSides(
                c.id(),
                c.oldValue(),
                c.newValue(),
                label(c.key(), before),
                label(c.key(), c.detectedAt())));
      }
    }
    return diff(files);
  }

  /**
   * The diff of each differing {@code file:} key from the left host's content to the right's, by
   * key.
   *
   * @param leftAt the left side's time (null: now), shown in the header
   */
  public CompletionStage<Map<String, ContentDiff>> ofDifferences(
      String leftHost,
      Instant leftAt,
      String rightHost,
      Instant rightAt,
      List<FactDifference> differences) {
    List<FileSides> files = new ArrayList<>();
    for (FactDifference d : differences) {
      if (FileFactValue.isFileKey(d.key())) {
        String path = d.key().substring("file:".length());
        files.add(
            new FileSides(
                d.key(),
                d.left(),
                d.right(),
                label(leftHost + ":" + path, leftAt),
                label(rightHost + ":" + path, rightAt)));
      }
    }
    return diff(files);
  }

  private static String label(String name, Instant at) {
    return at == null ? name : name + "\t" + at;
  }

  private CompletionStage<Map<String, ContentDiff>> diff(List<FileSides> files) {
    Map<String, ContentDiff> result = new LinkedHashMap<>();
    List<FileSides> toDiff = new ArrayList<>();
    Set<String> shas = new LinkedHashSet<>();
    for (FileSides f : files) {
      Optional<String> early = withoutDiff(f);
      if (early.isPresent()) {
        result.put(f.id(), ContentDiff.none(early.get()));
      } else if (toDiff.size() >= settings.maxDiffs()) {
        result.put(
            f.id(),
            ContentDiff.none(
                "not diffed: more than "
                    + settings.maxDiffs()
                    + " files in one answer (driftwatch.content.max-diffs); narrow the query,"
                    + " e.g. with prefix=file:/etc/ssh/"));
      } else {
        toDiff.add(f);
        FileFactValue.sha256(f.oldValue()).ifPresent(shas::add);
        FileFactValue.sha256(f.newValue()).ifPresent(shas::add);
      }
    }
    if (toDiff.isEmpty()) {
      return CompletableFuture.completedFuture(result);
    }
    Map<String, CompletableFuture<Optional<String>>> texts = new HashMap<>();
    shas.forEach(sha -> texts.put(sha, store.content(sha).toCompletableFuture()));
    return CompletableFuture.allOf(texts.values().toArray(CompletableFuture[]::new))
        .handleAsync(
            (done, error) -> {
              for (FileSides f : toDiff) {
                result.put(f.id(), error != null ? unavailable(error) : diffOne(f, texts));
              }
              return result;
            },
            executor);
  }

  /** Why a file gets no diff without reading anything, if it does not. */
  private static Optional<String> withoutDiff(FileSides f) {
    Optional<String> oldSha = FileFactValue.sha256(f.oldValue());
    Optional<String> newSha = FileFactValue.sha256(f.newValue());
    if (f.oldValue() != null && oldSha.isEmpty()) {
      return Optional.of("no diff: the old side is " + FileFactValue.noContent(f.oldValue()));
    }
    if (f.newValue() != null && newSha.isEmpty()) {
      return Optional.of("no diff: the new side is " + FileFactValue.noContent(f.newValue()));
    }
    if (oldSha.isPresent() && oldSha.equals(newSha)) {
      return Optional.of("the content did not change, only the mode or owner");
    }
    return Optional.empty();
  }

  private ContentDiff diffOne(FileSides f, Map<String, CompletableFuture<Optional<String>>> texts) {
    String oldText = null;
    String newText = null;
    if (f.oldValue() != null) {
      Optional<String> text = texts.get(FileFactValue.sha256(f.oldValue()).orElseThrow()).join();
      if (text.isEmpty()) {
        return ContentDiff.none(notKept("old"));
      }
      oldText = text.get();
    }
    if (f.newValue() != null) {
      Optional<String> text = texts.get(FileFactValue.sha256(f.newValue()).orElseThrow()).join();
      if (text.isEmpty()) {
        return ContentDiff.none(notKept("new"));
      }
      newText = text.get();
    }
    UnifiedDiff.Result d =
        UnifiedDiff.of(f.oldLabel(), oldText, f.newLabel(), newText, settings.diffMaxBytes());
    if (d.text().isEmpty()) {
      return ContentDiff.none("the texts differ only in line endings or the final newline");
    }
    return new ContentDiff(
        d.text(),
        d.truncated()
            ? "cut at " + settings.diffMaxBytes() + " bytes (driftwatch.content.diff-max-bytes)"
            : null);
  }

  private static String notKept(String side) {
    return "no diff: the "
        + side
        + " content was not kept (only text files up to"
        + " driftwatch.collector.content-max-bytes are: this one is binary or larger)";
  }

  private ContentDiff unavailable(Throwable error) {
    return ContentDiff.none(
        "no diff: store ["
            + store.kind()
            + "] did not answer ("
            + Failures.unwrap(error).getMessage()
            + ")");
  }
}
