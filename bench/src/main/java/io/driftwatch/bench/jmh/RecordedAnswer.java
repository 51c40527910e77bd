package io.driftwatch.bench.jmh;

import io.driftwatch.node.remote.RemoteResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A real answer of the remote probe script, recorded once, that answers later requests as if the
 * target had just sent it: only its header carries the request's nonce (a fresh random one per
 * probe), so the header is rewritten and everything else is replayed byte for byte. This lets a
 * benchmark run the node's whole side of a probe — request, framing, inflating, decoding, parsing
 * every source — without a target.
 */
final class RecordedAnswer {

  private static final Pattern NONCE = Pattern.compile("\nn ([0-9a-f]{16})'\n");
  private static final int HEADER_NONCE_OFFSET = "DW1 ".length();

  private final RemoteResult answer;

  private RecordedAnswer(RemoteResult answer) {
    this.answer = answer;
  }

  /** Remembers {@code answer}, the reply to {@code request}. */
  static RecordedAnswer of(byte[] request, RemoteResult answer) {
    String nonce = nonce(request);
    String header = new String(answer.stdout(), 0, 21, StandardCharsets.US_ASCII);
    if (!header.equals("DW1 " + nonce + "\n")) {
      throw new IllegalArgumentException("not an answer to that request: " + header);
    }
    return new RecordedAnswer(answer);
  }

  byte[] stdout() {
    return answer.stdout().clone();
  }

  /** This answer, carrying the nonce of {@code request}. */
  RemoteResult replyTo(byte[] request) {
    byte[] out = answer.stdout().clone();
    byte[] nonce = nonce(request).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(nonce, 0, out, HEADER_NONCE_OFFSET, nonce.length);
    return new RemoteResult(answer.exitStatus(), out, answer.stderr(), answer.traffic());
  }

  /** Whether a request names units the node holds (then the answer may call them unchanged). */
  static boolean holdsUnits(byte[] request) {
    return inflate(request).contains("\nh ");
  }

  /** The nonce a request asks the answer to carry: its last data line, {@code n NONCE}. */
  static String nonce(byte[] request) {
    Matcher m = NONCE.matcher(inflate(request));
    if (!m.find()) {
      throw new IllegalArgumentException("no nonce in the request");
    }
    return m.group(1);
  }

  private static String inflate(byte[] request) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(request))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
