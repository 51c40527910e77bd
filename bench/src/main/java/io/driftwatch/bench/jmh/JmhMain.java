package io.driftwatch.bench.jmh;

import io.driftwatch.bench.fleet.Machine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs the micro-benchmarks (JMH's own command line options apply; without them: every benchmark in
 * this package, one fork, 3 warm-up and 10 measured iterations of 1 s, whose median resists a noisy
 * machine) and reports each against its peer from the same run as a ratio of medians, in {@code
 * bench/results/jmh-DATE.md}.
 */
public final class JmhMain {

  /** A comparison: {@code subject}'s median time as a multiple of {@code peer}'s. */
  private record Ratio(String what, String subject, String peer) {}

  private static final List<Ratio> RATIOS =
      List.of(
          new Ratio(
              "dpkg status → package facts, Driftwatch's parser vs a naive stanza split",
              "DpkgStatusBenchmark.driftwatchDpkgStatus",
              "DpkgStatusBenchmark.naiveDpkgStatus"),
          new Ratio(
              "dpkg status, Driftwatch's parser vs splitting `dpkg-query -W` output (the ssh"
                  + " peer's input: one short line per package instead of the whole database)",
              "DpkgStatusBenchmark.driftwatchDpkgStatus",
              "DpkgStatusBenchmark.splitDpkgQueryOutput"),
          new Ratio(
              "FactSet.diff vs a hash-map diff, 3,000 facts each, 2% differing",
              "FactSetDiffBenchmark.factSetDiff", "FactSetDiffBenchmark.hashMapDiff"),
          new Ratio(
              "FactSet.diff of two hosts with the same keys (one shared key array), 2% of values"
                  + " differing, vs a hash-map diff",
              "FactSetDiffBenchmark.factSetDiffSameKeys", "FactSetDiffBenchmark.hashMapDiff"),
          new Ratio(
              "node side of a full root / probe (framing, inflate, decode, parse) vs only"
                  + " inflating its gzip members",
              "RemoteAnswerBenchmark.fullAnswer",
              "RemoteAnswerBenchmark.inflateOnly"),
          new Ratio(
              "node side of an unchanged root / re-probe vs a full one",
              "RemoteAnswerBenchmark.unchangedAnswer",
              "RemoteAnswerBenchmark.fullAnswer"));

  private JmhMain() {}

  public static void main(String[] args) throws Exception {
    CommandLineOptions cmd = new CommandLineOptions(args);
    OptionsBuilder options = new OptionsBuilder();
    options.parent(cmd);
    if (cmd.getIncludes().isEmpty()) {
      options.include("io\\.driftwatch\\.bench\\.jmh\\..*Benchmark");
    }
    if (!cmd.getForkCount().hasValue()) {
      options.forks(1);
    }
    if (!cmd.getWarmupIterations().hasValue()) {
      options.warmupIterations(3).warmupTime(TimeValue.seconds(1));
    }
    if (!cmd.getMeasurementIterations().hasValue()) {
      options.measurementIterations(10).measurementTime(TimeValue.seconds(1));
    }
    Collection<RunResult> results = new Runner(options.build()).run();

    Map<String, Statistics> byName = new TreeMap<>();
    for (RunResult r : results) {
      String label = r.getParams().getBenchmark();
      String shortName = label.substring(label.lastIndexOf('.', label.lastIndexOf('.') - 1) + 1);
      byName.put(shortName, r.getPrimaryResult().getStatistics());
    }
    String md = markdown(byName);
    System.out.println(md);
    Path out = Path.of(System.getProperty("bench.out", "bench/results"));
    Files.createDirectories(out);
    Path file = out.resolve("jmh-" + LocalDate.now(ZoneOffset.UTC) + ".md");
    Files.writeString(file, md);
    System.err.println("wrote " + file);
  }

  static String markdown(Map<String, Statistics> byName) {
    StringBuilder md = new StringBuilder("# Micro-benchmarks, ");
    md.append(LocalDate.now(ZoneOffset.UTC)).append("\n\nMachine:\n\n");
    Machine.describe().entrySet().stream()
        .filter(e -> List.of("CPU", "memory", "kernel", "JDK").contains(e.getKey()))
        .forEach(
            e -> md.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n'));
    md.append("\n| benchmark | median, µs/op | mean ± 99.9% CI, µs/op | iterations |\n");
    md.append("|---|---|---|---|\n");
    byName.forEach(
        (name, s) ->
            md.append(
                String.format(
                    Locale.ROOT,
                    "| %s | %,.1f | %,.1f ± %,.1f | %d |%n",
                    name,
                    s.getPercentile(50),
                    s.getMean(),
                    s.getN() > 1 ? s.getMeanErrorAt(0.999) : 0.0,
                    s.getN())));
    md.append("\nRatios of medians (same run; below 1 = the first is faster):\n\n");
    for (Ratio r : RATIOS) {
      Statistics subject = byName.get(r.subject());
      Statistics peer = byName.get(r.peer());
      if (subject != null && peer != null) {
        md.append(
            String.format(
                Locale.ROOT,
                "- %s: %.2f× (`%s` ÷ `%s`)%n",
                r.what(),
                subject.getPercentile(50) / peer.getPercentile(50),
                r.subject(),
                r.peer()));
      }
    }
    return md.toString();
  }
}
