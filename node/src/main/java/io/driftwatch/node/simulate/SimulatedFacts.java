package io.driftwatch.node.simulate;

import io.driftwatch.node.fact.FactSet;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The facts of a simulated host, as a pure function of (simulation, role, host name, instant): the
 * role's {@link Profile} cut or padded to {@link Simulation#facts()}, then each {@link Drift} that
 * selects the host applied in order. No I/O and no state but a cache of the per-role baselines,
 * which hosts of one role share (so their fact sets share one key layout and their values).
 */
public final class SimulatedFacts {

  /** Baselines by (profile, seed, count); a handful in practice, dropped wholesale past this. */
  private static final int MAX_BASELINES = 256;

  private static final Map<BaselineKey, FactSet> BASELINES = new ConcurrentHashMap<>();

  private SimulatedFacts() {}

  private record BaselineKey(String profile, long seed, int facts) {}

  /** The facts of {@code host} (whose role tag is {@code role}, may be null) at {@code at}. */
  public static FactSet of(Simulation simulation, String role, String host, Instant at) {
    Profile profile = Profile.forRole(role);
    FactSet baseline = baseline(profile, simulation.seed(), simulation.facts());
    Map<String, String> changes = new LinkedHashMap<>();
    for (Drift drift : simulation.drift()) {
      if (selects(drift, simulation.seed(), host)) {
        String base =
            changes.containsKey(drift.key()) ? changes.get(drift.key()) : baseline.get(drift.key());
        changes.put(drift.key(), valueAt(drift, simulation.seed(), host, at, base));
      }
    }
    return baseline.with(changes);
  }

  /** The facts every host of {@code role} has before drift. */
  public static FactSet baseline(Simulation simulation, String role) {
    return baseline(Profile.forRole(role), simulation.seed(), simulation.facts());
  }

  private static FactSet baseline(Profile profile, long seed, int count) {
    BaselineKey key = new BaselineKey(profile.name(), seed, count);
    FactSet known = BASELINES.get(key);
    if (known != null) {
      return known;
    }
    if (BASELINES.size() >= MAX_BASELINES) {
      BASELINES.clear();
    }
    return BASELINES.computeIfAbsent(key, k -> build(profile, seed, count));
  }

  private static FactSet build(Profile profile, long seed, int count) {
    Map<String, String> facts = new TreeMap<>();
    List<Map.Entry<String, String>> all = profile.facts();
    for (int i = 0; i < Math.min(count, all.size()); i++) {
      facts.put(all.get(i).getKey(), all.get(i).getValue());
    }
    // Past the profile, tracked configuration files, as the file source reports them.
    for (int i = 0; facts.size() < count; i++) {
      String path = String.format("/etc/%s/conf.d/%05d.conf", profile.name(), i);
      facts.put("file:" + path, fileValue(seed, profile.name(), path));
    }
    return FactSet.of(facts);
  }

  private static String fileValue(long seed, String profile, String path) {
    StringBuilder sha = new StringBuilder("sha256:");
    long h = hash(seed, profile, path);
    for (int i = 0; i < 4; i++) {
      h = mix(h + i);
      sha.append(String.format("%016x", h));
    }
    return sha + " mode=0644 owner=root:root size=" + (200 + Math.floorMod(h, 4000));
  }

  /** Whether the drift applies to this host: by name globs, by share, or to every host. */
  static boolean selects(Drift drift, long seed, String host) {
    if (drift.hosts() != null) {
      return drift.hosts().stream().anyMatch(glob -> Glob.matches(glob, host));
    }
    return drift.share() == null
        || unit(hash(seed, "share", identity(drift), host)) < drift.share();
  }

  /**
   * What a drift's stable choices hang on: its key, but for a rollout its window, so that rollouts
   * over one window (nginx and nginx-common) reach the same hosts at the same instant, as one
   * upgrade run would.
   */
  private static String identity(Drift drift) {
    return drift.kind() == Drift.Kind.ROLLOUT ? drift.from() + "/" + drift.until() : drift.key();
  }

  /**
   * The drift's value on this host at {@code at}, where the host would otherwise have {@code base}.
   */
  static String valueAt(Drift drift, long seed, String host, Instant at, String base) {
    return switch (drift.kind()) {
      case PLANT -> drift.value();
      case ROLLOUT -> at.isBefore(switchAt(drift, seed, host)) ? base : drift.value();
      case FLAP -> {
        long period = drift.period().toMillis();
        long phase = (long) (unit(hash(seed, "flap", drift.key(), host)) * period);
        yield Math.floorMod(Math.floorDiv(at.toEpochMilli() + phase, period), 2) == 1
            ? drift.value()
            : base;
      }
    };
  }

  /** When a rollout reaches this host: a stable point in [from, until). */
  public static Instant switchAt(Drift drift, long seed, String host) {
    Duration span = Duration.between(drift.from(), drift.until());
    double u = unit(hash(seed, "rollout", identity(drift), host));
    return drift.from().plusMillis((long) (u * span.toMillis()));
  }

  /** A stable 64-bit hash of a seed and some strings (String.hashCode is fixed by the JLS). */
  static long hash(long seed, String... parts) {
    long h = mix(seed);
    for (String part : parts) {
      h = mix(h ^ (part.hashCode() & 0xffffffffL) ^ ((long) part.length() << 32));
    }
    return h;
  }

  /** SplitMix64's finaliser: every input bit affects every output bit. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** A hash as a number in [0, 1). */
  private static double unit(long hash) {
    return (hash >>> 11) * 0x1.0p-53;
  }

  /** Shell-style globs on host names: {@code *} any run, {@code ?} one character. */
  static final class Glob {
    private Glob() {}

    static boolean matches(String glob, String text) {
      int g = 0;
      int t = 0;
      int star = -1;
      int mark = 0;
      while (t < text.length()) {
        if (g < glob.length() && (glob.charAt(g) == '?' || glob.charAt(g) == text.charAt(t))) {
          g++;
          t++;
        } else if (g < glob.length() && glob.charAt(g) == '*') {
          star = g++;
          mark = t;
        } else if (star >= 0) {
          g = star + 1;
          t = ++mark;
        } else {
          return false;
        }
      }
      while (g < glob.length() && glob.charAt(g) == '*') {
        g++;
      }
      return g == glob.length();
    }
  }
}
