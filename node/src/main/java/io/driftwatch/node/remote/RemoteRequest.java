package io.driftwatch.node.remote;

import io.driftwatch.node.collect.CollectorSettings;
import io.driftwatch.node.collect.Input;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * The standard input of one remote probe: the script, then one call {@code dw '<data>'} whose data
 * lists the units' inputs, the settings, the hashes the node holds and a nonce (the format is at
 * the top of {@code probe.sh}). Pure.
 *
 * <p>The data travels as one single-quoted shell word, in which the shell expands nothing; its only
 * special character, the single quote, is written as {@code '\''}. Every value was validated to be
 * one line (no control character), so it cannot end a data line early either.
 *
 * <p>Everything before the hashes and the nonce is the same for every probe of a host; the gzip
 * stream is flushed there, so that its compressed bytes are identical too and a compressing SSH
 * connection sends them almost for free from the second probe on.
 */
final class RemoteRequest {

  /**
   * The one command ever run for a probe. {@code eval "$(gzip -dc)"} decompresses the whole request
   * into memory before the shell parses it: a shell reading a script from a pipe must read it one
   * byte at a time (so as not to consume what commands after it might read), which for a few
   * kilobytes costs more than the whole probe. The login shell of the probe user only runs {@code
   * sh}, so csh or fish users are probed the same way.
   */
  static final String COMMAND = "sh -c 'eval \"$(gzip -dc)\"'";

  /**
   * How long after an entry of a guard changed its time stamps still do not prove that it stays
   * unchanged: file systems stamp changes with a coarse clock (a tick, or a whole second on some),
   * so a second change in the same tick as the one the command saw would keep them. A guard holding
   * an entry that recent never matches, and its command runs again at the next probe.
   */
  static final Duration GUARD_SETTLE = Duration.ofSeconds(2);

  private static final Pattern NONCE = Pattern.compile("[0-9a-f]{16}");
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{15}");

  private final byte[] bytes;
  private final int constantBytes;

  private RemoteRequest(byte[] bytes, int constantBytes) {
    this.bytes = bytes;
    this.constantBytes = constantBytes;
  }

  /**
   * @param known the hash the node holds per unit index (units missing are sent whole)
   * @param nonce 16 lowercase hex digits, fresh for each probe
   */
  static RemoteRequest of(
      ProbePlan plan, CollectorSettings settings, Map<Integer, String> known, String nonce) {
    return of(plan, settings, GUARD_SETTLE, known, nonce);
  }

  /**
   * @param guardSettle see {@link #GUARD_SETTLE}; tests use zero to see what the time stamps alone
   *     tell
   */
  static RemoteRequest of(
      ProbePlan plan,
      CollectorSettings settings,
      Duration guardSettle,
      Map<Integer, String> known,
      String nonce) {
    if (!NONCE.matcher(nonce).matches()) {
      throw new IllegalArgumentException("nonce must be 16 lowercase hex digits");
    }
    String constant =
        ProbeScript.text() + "dw '" + quoted(constantData(plan, settings, guardSettle));
    StringBuilder varying = new StringBuilder();
    known.forEach(
        (unit, hash) -> {
          if (!HASH.matcher(hash).matches()) {
            throw new IllegalArgumentException("unit hash must be 15 lowercase hex digits");
          }
          varying.append("h ").append(unit).append(' ').append(hash).append('\n');
        });
    varying.append("n ").append(nonce).append("'\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out, true)) {
      gzip.write(constant.getBytes(StandardCharsets.UTF_8));
      gzip.flush();
      int constantBytes = out.size();
      gzip.write(varying.toString().getBytes(StandardCharsets.UTF_8));
      gzip.finish();
      return new RemoteRequest(out.toByteArray(), constantBytes);
    } catch (IOException e) {
      throw new UncheckedIOException("compressing in memory cannot fail", e);
    }
  }

  /** The bytes to send. */
  byte[] bytes() {
    return bytes.clone();
  }

  int size() {
    return bytes.length;
  }

  /** The compressed bytes that are the same for every probe of the host. */
  int constantBytes() {
    return constantBytes;
  }

  /**
   * The data lines that stay the same from probe to probe: the root and the caps, units and their
   * inputs, then what the passes need globally (patterns, skipped names). Ends with a newline.
   */
  static String constantData(ProbePlan plan, CollectorSettings settings) {
    return constantData(plan, settings, GUARD_SETTLE);
  }

  static String constantData(ProbePlan plan, CollectorSettings settings, Duration guardSettle) {
    if (guardSettle.isNegative()) {
      throw new IllegalArgumentException("guard settle time must not be negative");
    }
    StringBuilder data = new StringBuilder();
    line(data, "r", plan.root());
    // The settle time in minutes for find -cmin, rounded up.
    String settleMinutes =
        new BigDecimal(guardSettle.toMillis())
            .divide(BigDecimal.valueOf(60_000), 4, RoundingMode.UP)
            .stripTrailingZeros()
            .toPlainString();
    data.append("k ")
        .append(settings.contentMaxBytes())
        .append(' ')
        .append(settings.hashMaxBytes())
        .append(' ')
        .append(settleMinutes)
        .append('\n');
    Set<String> stable = new LinkedHashSet<>();
    Set<String> skippedFiles = new LinkedHashSet<>();
    Set<String> skippedDirs = new LinkedHashSet<>();
    for (ProbeUnit unit : plan.units()) {
      data.append("u ").append(unit.index()).append('\n');
      for (Input input : unit.inputs()) {
        if (input instanceof Input.File f) {
          line(data, f.stableParts().isEmpty() ? "f" : "w", f.path());
          stable.addAll(f.stableParts());
        } else if (input instanceof Input.FilesIn in) {
          line(data, "g", globQuote(in.dir()) + "/*/" + globQuote(in.name()));
        } else if (input instanceof Input.Stat s) {
          line(data, "l 0", s.path());
        } else if (input instanceof Input.Listing l) {
          line(data, "l " + l.depth(), l.dir());
        } else if (input instanceof Input.Tree t) {
          line(data, "l 0", t.root());
          line(data, "t", t.root());
          skippedFiles.addAll(t.skippedFiles());
          skippedDirs.addAll(t.skippedDirs());
        } else if (input instanceof Input.Command c && plan.isRootFilesystem()) {
          command(data, c);
        }
      }
      if (unit.sudoRead()) {
        data.append("S\n");
      }
    }
    if (plan.isRootFilesystem()) {
      // Only the node's own kernel files change by themselves; elsewhere they are read whole.
      stable.forEach(pattern -> line(data, "e", pattern));
    }
    skippedFiles.forEach(name -> line(data, "x", name));
    skippedDirs.forEach(name -> line(data, "X", name));
    return data.toString();
  }

  /**
   * {@code c WORDS}, or {@code C WORDS} followed by its guard's directories and patterns, after
   * {@code q PATH} when the command requires a path.
   */
  private static void command(StringBuilder data, Input.Command command) {
    String words = String.join(" ", command.argv());
    if (command.guard().isNone()) {
      line(data, "c", words);
      return;
    }
    if (command.guard().requires() != null) {
      line(data, "q", command.guard().requires());
    }
    line(data, "C", words);
    command.guard().dirs().forEach(dir -> line(data, "v", dir));
    command.guard().patterns().forEach(pattern -> line(data, "p", pattern));
  }

  private static void line(StringBuilder data, String key, String value) {
    if (value.chars().anyMatch(Character::isISOControl)) {
      // Inputs and roots are validated long before; this guards the wire format itself.
      throw new IllegalArgumentException("a data value must be one line");
    }
    data.append(key).append(' ').append(value).append('\n');
  }

  /** {@code text} as the inside of a single-quoted shell word. */
  static String quoted(String text) {
    return text.replace("'", "'\\''");
  }

  /** {@code text} matching only itself as part of an unquoted shell pattern. */
  static String globQuote(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
