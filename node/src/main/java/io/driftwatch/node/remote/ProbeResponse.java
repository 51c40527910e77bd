package io.driftwatch.node.remote;

import io.driftwatch.node.fact.Text;
import io.driftwatch.node.probe.ProbeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parsed answer of a remote probe: per unit, unchanged or changed with its parts. Everything is
 * checked against what was asked, and nothing the target sends is trusted as a length: gzip members
 * are inflated within a byte budget, lines within a length. Anything else is a {@link
 * ProbeException} with reason PROTOCOL. Pure.
 */
final class ProbeResponse {

  /** A unit's data in the answer, by the letter the script gives it. */
  record Part(char kind, byte[] data, byte[] errors) {}

  /** How one unit was answered. */
  sealed interface Answer {
    int unit();
  }

  /** The unit hashes to what the node holds. */
  record Unchanged(int unit) implements Answer {}

  /** The unit changed: its new hash and its parts in the order the script sent them. */
  record Changed(int unit, String hash, List<Part> parts) implements Answer {}

  private static final int MAX_LINE = 256;
  private static final String KINDS = "MCETXSW";
  private static final Pattern UNIT =
      Pattern.compile("u (\\d{1,4}) (=|\\+ ([0-9a-f]{15}) ([A-Z]*))");

  private final Map<Integer, Answer> answers;

  private ProbeResponse(Map<Integer, Answer> answers) {
    this.answers = answers;
  }

  Answer answer(int unit) {
    return answers.get(unit);
  }

  /**
   * Parses the standard output of the probe.
   *
   * @param units the unit numbers asked for; each must be answered exactly once
   * @param maxInflated the most all gzip members together may inflate to
   * @throws ProbeException PROTOCOL (or ROOT_MISSING) naming what is wrong
   */
  static ProbeResponse parse(
      byte[] out, String stderr, int exitStatus, String nonce, Set<Integer> units, long maxInflated)
      throws ProbeException {
    Cursor cursor = new Cursor(out, maxInflated);
    String header = cursor.line();
    if (header == null || !header.equals("DW1 " + nonce)) {
      throw noHeader(out, stderr, exitStatus);
    }
    Map<Integer, Answer> answers = new LinkedHashMap<>();
    Set<Integer> seen = new HashSet<>();
    while (true) {
      String line = cursor.line();
      if (line == null) {
        throw protocol("the target's answer was cut short after " + answers.size() + " units");
      }
      if (line.equals("z")) {
        break;
      }
      problem(line);
      Matcher m = UNIT.matcher(line);
      if (!m.matches()) {
        throw protocol("unexpected line in the target's answer: " + Text.quote(line));
      }
      int unit = Integer.parseInt(m.group(1));
      if (!units.contains(unit) || !seen.add(unit)) {
        throw protocol("the target answered unit " + unit + " unexpectedly");
      }
      if (m.group(2).equals("=")) {
        answers.put(unit, new Unchanged(unit));
        continue;
      }
      List<Part> parts = new ArrayList<>();
      for (char kind : m.group(4).toCharArray()) {
        if (KINDS.indexOf(kind) < 0) {
          throw protocol("unknown part " + kind + " in the target's answer");
        }
        parts.add(new Part(kind, cursor.member(), cursor.member()));
      }
      answers.put(unit, new Changed(unit, m.group(3), List.copyOf(parts)));
    }
    if (!cursor.atEnd()) {
      throw protocol("the target's answer goes on after its end");
    }
    if (!seen.containsAll(units)) {
      Set<Integer> missing = new HashSet<>(units);
      missing.removeAll(seen);
      throw protocol("the target's answer lacks units " + missing);
    }
    return new ProbeResponse(answers);
  }

  /** The script's one-word problem lines. */
  private static void problem(String line) throws ProbeException {
    if (line.startsWith("needs ")) {
      throw protocol("the target needs " + Text.quote(line.substring(6)) + ", which is missing");
    }
    switch (line) {
      case "noroot" ->
          throw new ProbeException(
              ProbeException.Reason.ROOT_MISSING,
              "the root directory does not exist on the target");
      case "notmp" ->
          throw protocol("the target cannot create a private temporary directory (TMPDIR or /tmp)");
      case "nosplit" -> throw protocol("the target could not split its collected data");
      default -> {}
    }
  }

  /** No header: the shell, not the script, answered; its error is the best reason there is. */
  private static ProbeException noHeader(byte[] out, String stderr, int exitStatus) {
    String firstError = stderr.strip().lines().findFirst().orElse("").strip();
    if (firstError.contains("gzip") && firstError.contains("not found")) {
      return protocol("the target needs \"gzip\", which is missing");
    }
    if (out.length == 0) {
      return protocol(
          "the target answered nothing (exit status "
              + exitStatus
              + (firstError.isEmpty() ? ")" : "): " + Text.quote(firstError)));
    }
    String start = new String(out, 0, Math.min(out.length, 40), StandardCharsets.UTF_8);
    return protocol("the target's answer is not a probe answer: " + Text.quote(start));
  }

  private static ProbeException protocol(String message) {
    return new ProbeException(ProbeException.Reason.PROTOCOL, message);
  }

  /** Reads lines and gzip members from the answer, within the inflation budget. */
  private static final class Cursor {
    private final byte[] out;
    private long budget;
    private int at;

    Cursor(byte[] out, long budget) {
      this.out = out;
      this.budget = budget;
    }

    /** The next line without its newline, or null at the end or for a line that never ends. */
    String line() throws ProbeException {
      if (at >= out.length) {
        return null;
      }
      for (int i = at; i < out.length && i - at <= MAX_LINE; i++) {
        if (out[i] == '\n') {
          String line = new String(out, at, i - at, StandardCharsets.UTF_8);
          at = i + 1;
          return line;
        }
      }
      if (out.length - at > MAX_LINE) {
        throw protocol("the target's answer has a line longer than " + MAX_LINE + " bytes");
      }
      return null;
    }

    byte[] member() throws ProbeException {
      try {
        GzipMember.Member member = GzipMember.read(out, at, budget);
        budget -= member.data().length;
        at = member.end();
        return member.data();
      } catch (GzipMember.MalformedException e) {
        throw protocol("the target's answer is broken: " + e.getMessage());
      }
    }

    boolean atEnd() {
      return at == out.length;
    }
  }
}
