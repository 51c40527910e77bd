package io.driftwatch.node.collect;

import io.driftwatch.node.fact.FactKey;
import io.driftwatch.node.fact.FactSet;
import io.driftwatch.node.fact.Text;
import io.driftwatch.node.probe.ProbeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every fact source against one host and turns what they produced into a {@link Collection}: a
 * failing source costs only its own categories, and every fact is checked (key, size, ignore list)
 * before it can reach the host's state.
 */
public final class Collector {

  /** Longer values are replaced by their hash: they are noise in a diff and costly to store. */
  public static final int MAX_VALUE_LENGTH = 4096;

  /** Problems kept per collection; a broken source must not flood the host's status. */
  public static final int MAX_PROBLEMS = 100;

  /** Longest single problem or reason kept, as they may quote text read from the host. */
  static final int MAX_PROBLEM_LENGTH = 300;

  private static final Logger log = LoggerFactory.getLogger(Collector.class);

  private final List<FactSource> sources;
  private final KeyFilter ignore;
  private final int maxFacts;

  public Collector(List<FactSource> sources, CollectorSettings settings) {
    this.sources = List.copyOf(sources);
    this.ignore = KeyFilter.of(settings.ignore());
    this.maxFacts = settings.maxFacts();
  }

  /** The sources, in the order they run; a remote probe gathers their declared inputs. */
  public List<FactSource> sources() {
    return sources;
  }

  /**
   * Collects the host.
   *
   * @throws ProbeException when the host produced more than {@code maxFacts} facts, or the
   *     collecting thread was interrupted (the probe was abandoned)
   */
  public Collection collect(HostContext host) throws ProbeException {
    long start = System.nanoTime();
    Run run = new Run();
    for (FactSource source : sources) {
      if (Thread.currentThread().isInterrupted()) {
        throw new ProbeException(
            ProbeException.Reason.COLLECTOR_FAILED, "collection was interrupted");
      }
      run.add(source, host);
      if (run.facts.size() > maxFacts) {
        throw new ProbeException(
            ProbeException.Reason.COLLECTOR_FAILED,
            "the host produced more than "
                + maxFacts
                + " facts (driftwatch.collector.max-facts); exclude some with the ignore list"
                + " or raise the limit");
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    log.debug(
        "Collected [{}] facts from [{}] sources in [{}ms], [{}] categories failed",
        run.facts.size(),
        sources.size(),
        took.toMillis(),
        run.failed.size());
    return new Collection(
        FactSet.of(run.facts), run.referencedContents(), run.failed, run.problems(), took);
  }

  /** The state of one collection while the sources run. */
  private final class Run {
    final Map<String, String> facts = new TreeMap<>();
    final Map<String, String> contents = new TreeMap<>();
    final Map<String, String> failed = new LinkedHashMap<>();
    final Map<String, String> producedBy = new TreeMap<>();
    final List<String> problems = new ArrayList<>();
    int problemsLeftOff;

    void add(FactSource source, HostContext host) {
      String name = source.name();
      SourceResult result;
      try {
        result = source.collect(host);
      } catch (IOException e) {
        String reason = name + ": " + describe(e);
        log.info("Source failed: {}", reason);
        fail(source, reason);
        return;
      } catch (RuntimeException e) {
        // A bug in the source, not a property of the host: worth its stack trace in the log.
        String reason = name + ": unexpected " + e.getClass().getSimpleName() + describeTail(e);
        log.warn("Source [{}] failed unexpectedly", name, e);
        fail(source, reason);
        return;
      }
      if (result == null) {
        fail(source, name + ": returned no result");
        return;
      }
      result.problems().forEach(problem -> problem(name, problem));
      if (!result.complete()) {
        String why = result.problems().isEmpty() ? "incomplete" : result.problems().get(0);
        fail(source, bounded(name + ": " + why));
      }
      Set<String> categories = source.categories();
      result
          .facts()
          .forEach(
              (key, value) -> {
                if (!FactKey.isValid(key)) {
                  problem(name, "dropped invalid key " + Text.quote(key));
                } else if (!categories.contains(FactKey.category(key))) {
                  // Its category would not be kept when the source fails, so it would flap.
                  problem(name, "dropped " + Text.quote(key) + ": category not declared by source");
                } else if (!ignore.matches(key)) {
                  String previous = producedBy.putIfAbsent(key, name);
                  if (previous != null) {
                    problem(
                        name, "dropped " + Text.quote(key) + ": already produced by " + previous);
                  } else {
                    facts.put(key, checkedValue(value));
                  }
                }
              });
      result.contents().forEach(contents::putIfAbsent);
    }

    void fail(FactSource source, String reason) {
      for (String category : source.categories()) {
        failed.putIfAbsent(category, bounded(reason));
      }
    }

    void problem(String source, String problem) {
      if (problems.size() < MAX_PROBLEMS) {
        problems.add(bounded(source + ": " + problem));
      } else {
        problemsLeftOff++;
      }
    }

    List<String> problems() {
      if (problemsLeftOff == 0) {
        return problems;
      }
      List<String> all = new ArrayList<>(problems);
      all.add("… and " + problemsLeftOff + " more");
      return all;
    }

    /**
     * The contents that a kept fact names by its hash. A file dropped by the ignore list (say, one
     * holding secrets) must not have its text stored anyway.
     */
    Map<String, String> referencedContents() {
      if (contents.isEmpty()) {
        return Map.of();
      }
      Set<String> referenced = new HashSet<>();
      for (String value : facts.values()) {
        if (value.startsWith("sha256:")) {
          int end = value.indexOf(' ');
          referenced.add(value.substring("sha256:".length(), end < 0 ? value.length() : end));
        }
      }
      Map<String, String> kept = new TreeMap<>(contents);
      kept.keySet().retainAll(referenced);
      return kept;
    }
  }

  /** The normalised value, or its hash and length when it is too long to keep. */
  static String checkedValue(String value) {
    String normalised = Text.normalise(value);
    if (normalised.length() <= MAX_VALUE_LENGTH) {
      return normalised;
    }
    return "sha256:" + sha256(normalised) + " length=" + normalised.length();
  }

  private static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** A one-line reason: the exception's message, which for I/O names the path and what failed. */
  private static String describe(Exception e) {
    String message = e.getMessage();
    return message == null || message.isBlank()
        ? e.getClass().getSimpleName()
        : Text.normalise(message);
  }

  private static String describeTail(Exception e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? "" : ": " + Text.normalise(message);
  }

  private static String bounded(String text) {
    return text.length() <= MAX_PROBLEM_LENGTH
        ? text
        : text.substring(0, MAX_PROBLEM_LENGTH - 1) + "…";
  }
}
