package io.driftwatch.bench.jmh;

import io.driftwatch.node.collect.SourceResult;
import io.driftwatch.node.collect.source.PackagesSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Parsing this machine's real {@code /var/lib/dpkg/status} into package facts, against two peers
 * measured in the same run: a naive stanza splitter over the same file, and splitting the output of
 * {@code dpkg-query -W} (what the ssh peer of the fleet benchmark transfers) into a map.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DpkgStatusBenchmark {

  private String status;
  private String dpkgQuery;

  @Setup
  public void read() throws IOException, InterruptedException {
    status = Files.readString(Path.of("/var/lib/dpkg/status"));
    Process p = new ProcessBuilder("dpkg-query", "-W").redirectErrorStream(true).start();
    dpkgQuery = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0 || PackagesSource.parseDpkgStatus(status).facts().isEmpty()) {
      throw new IllegalStateException("needs a Debian machine with dpkg");
    }
  }

  @Benchmark
  public SourceResult driftwatchDpkgStatus() {
    return PackagesSource.parseDpkgStatus(status);
  }

  @Benchmark
  public Map<String, String> naiveDpkgStatus() {
    return NaiveDpkgStatus.parse(status);
  }

  @Benchmark
  public Map<String, String> splitDpkgQueryOutput() {
    Map<String, String> packages = new TreeMap<>();
    for (String line : dpkgQuery.split("\n")) {
      int tab = line.indexOf('\t');
      if (tab > 0) {
        packages.put(line.substring(0, tab), line.substring(tab + 1));
      }
    }
    return packages;
  }
}
