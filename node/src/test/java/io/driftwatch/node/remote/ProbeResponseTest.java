package io.driftwatch.node.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.node.probe.ProbeException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ProbeResponseTest {

  private static final String NONCE = "0123456789abcdef";
  private static final String HASH = "0123456789abcde";

  @Test
  void readsUnchangedAndChangedUnitsWithTheirParts() throws Exception {
    byte[] answer =
        concat(
            text("DW1 " + NONCE + "\nu 0 =\nu 1 + " + HASH + " MX\n"),
            gzip("meta"),
            gzip(""),
            gzip("out\nDW 0\n"),
            gzip("err"),
            text("z\n"));

    ProbeResponse response = parse(answer, Set.of(0, 1));

    assertThat(response.answer(0)).isEqualTo(new ProbeResponse.Unchanged(0));
    ProbeResponse.Changed changed = (ProbeResponse.Changed) response.answer(1);
    assertThat(changed.hash()).isEqualTo(HASH);
    assertThat(changed.parts()).extracting(ProbeResponse.Part::kind).containsExactly('M', 'X');
    assertThat(new String(changed.parts().get(1).errors(), StandardCharsets.UTF_8))
        .isEqualTo("err");
  }

  @Test
  void anAnswerForAnotherProbeOrNoneIsRefused() {
    assertProtocol(
        parseLater(text("DW1 fedcba9876543210\nu 0 =\nz\n")),
        "the target's answer is not a probe answer: \"DW1 fedcba9876543210");
    assertProtocol(
        () -> ProbeResponse.parse(new byte[0], "sh: 1: eval: oops\n", 2, NONCE, Set.of(0), 1 << 20),
        "the target answered nothing (exit status 2): \"sh: 1: eval: oops\"");
    assertProtocol(
        () ->
            ProbeResponse.parse(
                new byte[0], "sh: 1: gzip: not found\n", 0, NONCE, Set.of(0), 1 << 20),
        "the target needs \"gzip\", which is missing");
  }

  @Test
  void theScriptsProblemsBecomeReasons() {
    assertProtocol(
        parseLater(text("DW1 " + NONCE + "\nneeds csplit\n")),
        "the target needs \"csplit\", which is missing");
    assertThatThrownBy(parseLater(text("DW1 " + NONCE + "\nnoroot\n"))::call)
        .isInstanceOfSatisfying(
            ProbeException.class,
            e -> assertThat(e.reason()).isEqualTo(ProbeException.Reason.ROOT_MISSING));
  }

  @Test
  void answersCutShortOrWithTooMuchAreRefused() throws Exception {
    assertProtocol(parseLater(text("DW1 " + NONCE + "\nu 0 =\n")), "cut short after 1 units");
    assertProtocol(parseLater(text("DW1 " + NONCE + "\nz\n")), "lacks units [0]");
    assertProtocol(parseLater(text("DW1 " + NONCE + "\nu 0 =\nz\nmore")), "goes on after its end");
    assertProtocol(parseLater(text("DW1 " + NONCE + "\nu 0 =\nu 0 =\nz\n")), "unit 0 unexpectedly");
    assertProtocol(parseLater(text("DW1 " + NONCE + "\nu 7 =\nz\n")), "unit 7 unexpectedly");
    assertProtocol(
        parseLater(text("DW1 " + NONCE + "\nu 0 + " + HASH + " M\nz\n")),
        "the target's answer is broken: no gzip member");
    assertProtocol(
        parseLater(text("DW1 " + NONCE + "\nu 0 + " + HASH + " Q\nz\n")), "unknown part Q");
    assertProtocol(
        parseLater(text("DW1 " + NONCE + "\n" + "x".repeat(1000))), "longer than 256 bytes");
    byte[] member = gzip("meta");
    byte[] cut = java.util.Arrays.copyOf(member, member.length - 3);
    assertProtocol(
        parseLater(concat(text("DW1 " + NONCE + "\nu 0 + " + HASH + " M\n"), cut)),
        "the target's answer is broken");
  }

  @Test
  void membersThatWouldInflateBeyondTheBudgetAreRefused() throws Exception {
    byte[] bomb = gzip("0".repeat(10 << 20));
    byte[] answer =
        concat(text("DW1 " + NONCE + "\nu 0 + " + HASH + " M\n"), bomb, gzip(""), text("z\n"));

    assertThat(bomb.length).isLessThan(20_000);
    assertProtocol(
        () -> ProbeResponse.parse(answer, "", 0, NONCE, Set.of(0), 1 << 20),
        "inflates to more than 1048576 bytes");
  }

  private interface Call {
    ProbeResponse call() throws ProbeException;
  }

  private static Call parseLater(byte[] answer) {
    return () -> parse(answer, Set.of(0));
  }

  private static ProbeResponse parse(byte[] answer, Set<Integer> units) throws ProbeException {
    return ProbeResponse.parse(answer, "", 0, NONCE, units, 1 << 20);
  }

  private static void assertProtocol(Call call, String message) {
    assertThatThrownBy(call::call)
        .isInstanceOfSatisfying(
            ProbeException.class,
            e -> assertThat(e.reason()).isEqualTo(ProbeException.Reason.PROTOCOL))
        .hasMessageContaining(message);
  }

  static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] gzip(String s) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(s.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
