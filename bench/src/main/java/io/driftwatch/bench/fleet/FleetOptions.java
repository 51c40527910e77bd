package io.driftwatch.bench.fleet;

import java.nio.file.Path;

/**
 * The fleet benchmark's command line.
 *
 * @param hosts sshd hosts, probed all at once (default 20)
 * @param repetitions measured runs of every phase, after one unmeasured warm-up round (default 5)
 * @param peers whether to run Ansible and the ssh loops (off for a quick Driftwatch-only look)
 * @param out directory for {@code fleet-DATE[-Nhosts][-no-peers].md}
 * @param commit the Driftwatch commit measured, for the report
 */
record FleetOptions(int hosts, int repetitions, boolean peers, Path out, String commit) {

  static final String USAGE =
      "usage: FleetBenchmark [--hosts N] [--reps R] [--no-peers] [--out DIR] [--commit REV]";

  static FleetOptions parse(String... args) {
    int hosts = 20;
    int reps = 5;
    boolean peers = true;
    Path out = Path.of("bench/results");
    String commit = "unknown";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--hosts" -> hosts = Integer.parseInt(value(args, ++i));
        case "--reps" -> reps = Integer.parseInt(value(args, ++i));
        case "--no-peers" -> peers = false;
        case "--out" -> out = Path.of(value(args, ++i));
        case "--commit" -> commit = value(args, ++i);
        default -> throw new IllegalArgumentException(USAGE);
      }
    }
    // One sshd per address from 127.0.0.2; the fixture spreads its servers over 249 of them.
    if (hosts < 1 || hosts > 249 || reps < 1) {
      throw new IllegalArgumentException("need 1 ≤ hosts ≤ 249 and reps ≥ 1\n" + USAGE);
    }
    return new FleetOptions(hosts, reps, peers, out, commit);
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(USAGE);
    }
    return args[i];
  }
}
