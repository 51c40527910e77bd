package io.driftwatch.coordinator.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.coordinator.Selector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpectationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Expectation of(ExpectationOp op, String value) {
    return new Expectation("e", Selector.all(), "package:openssh-server", op, value, null);
  }

  @Test
  void eachOperatorJudgesValuesAndAbsence() {
    assertThat(of(ExpectationOp.EQ, "60").isMetBy("60", null)).isTrue();
    assertThat(of(ExpectationOp.EQ, "60").isMetBy("61", null)).isFalse();
    assertThat(of(ExpectationOp.EQ, "60").isMetBy(null, null)).isFalse();
    assertThat(of(ExpectationOp.NE, "60").isMetBy("61", null)).isTrue();
    assertThat(of(ExpectationOp.NE, "60").isMetBy("60", null)).isFalse();
    assertThat(of(ExpectationOp.NE, "60").isMetBy(null, null)).isTrue();
    assertThat(of(ExpectationOp.PRESENT, null).isMetBy("", null)).isTrue();
    assertThat(of(ExpectationOp.PRESENT, null).isMetBy(null, null)).isFalse();
    assertThat(of(ExpectationOp.ABSENT, null).isMetBy(null, null)).isTrue();
    assertThat(of(ExpectationOp.ABSENT, null).isMetBy("x", null)).isFalse();
  }

  @Test
  void regexMustMatchTheWholeValue() {
    Expectation kernel = of(ExpectationOp.REGEX, "6\\.1\\..*");
    assertThat(kernel.isMetBy("6.1.0-18-amd64", null)).isTrue();
    assertThat(kernel.isMetBy("5.6.1.0", null)).isFalse();
    assertThat(kernel.isMetBy(null, null)).isFalse();
    assertThat(of(ExpectationOp.REGEX, "6\\.1").isMetBy("6.1.0", null)).isFalse();
  }

  @ParameterizedTest(name = "{0} {1} {2} ({3}) = {4}")
  @CsvSource({
    "1:9.2p1-2, ge, 1:9.2p1-2, DEBIAN, true",
    "1:9.2p1-1, ge, 1:9.2p1-2, DEBIAN, false",
    "1:9.2p1-3, gt, 1:9.2p1-2, DEBIAN, true",
    "1:9.2p1-2, gt, 1:9.2p1-2, DEBIAN, false",
    "2.36-9+deb12u4, lt, 2.36-9+deb12u10, DEBIAN, true",
    "2.36-9+deb12u10, le, 2.36-9+deb12u10, DEBIAN, true",
    "1.0~rc1, ge, 1.0, DEBIAN, false",
    "2.34-100.el9_4.2, ge, 2.34-83.el9, RPM, true",
    "1.0^git1, lt, 1.0.1, RPM, true",
  })
  void versionOperatorsUseTheScheme(
      String actual, String op, String value, VersionScheme scheme, boolean met) {
    assertThat(of(ExpectationOp.parse(op), value).isMetBy(actual, scheme)).isEqualTo(met);
  }

  @Test
  void aVersionOperatorIsNotMetByAnAbsentFactAndDefaultsToDebian() {
    assertThat(of(ExpectationOp.GE, "1.0").isMetBy(null, VersionScheme.DEBIAN)).isFalse();
    assertThat(of(ExpectationOp.GT, "1.0").isMetBy("1.0a", null)).isTrue();
  }

  @Test
  void expectedTextSaysWhatWasAsked() {
    assertThat(of(ExpectationOp.GE, "1:9.2p1-2").expectedText()).isEqualTo(">= 1:9.2p1-2");
    assertThat(of(ExpectationOp.LT, "2").expectedText()).isEqualTo("< 2");
    assertThat(of(ExpectationOp.EQ, "60").expectedText()).isEqualTo("60");
    assertThat(of(ExpectationOp.NE, "60").expectedText()).isEqualTo("!= 60");
    assertThat(of(ExpectationOp.REGEX, "^6\\.1").expectedText()).isEqualTo("matches ^6\\.1");
    assertThat(of(ExpectationOp.PRESENT, null).expectedText()).isEqualTo("present");
    assertThat(of(ExpectationOp.ABSENT, null).expectedText()).isEqualTo("absent");
  }

  @Test
  void keyGlobsCoverMatchingKeys() {
    Expectation vm =
        new Expectation("vm", Selector.all(), "sysctl:vm.*", ExpectationOp.PRESENT, null, null);
    assertThat(vm.coversKey("sysctl:vm.swappiness")).isTrue();
    assertThat(vm.coversKey("sysctl:net.ipv4.ip_forward")).isFalse();
    assertThat(vm.isKeyPattern()).isTrue();
    Expectation exact = of(ExpectationOp.PRESENT, null);
    assertThat(exact.coversKey("package:openssh-server")).isTrue();
    assertThat(exact.coversKey("package:openssh-server-extra")).isFalse();
    assertThat(KeyGlob.matches("*:*ssh*", "package:openssh-client")).isTrue();
    assertThat(KeyGlob.matches("package:*-dev", "package:libc6-dev")).isTrue();
    assertThat(KeyGlob.matches("package:*-dev", "package:libc6-dev1")).isFalse();
    assertThat(KeyGlob.matches("*", "")).isTrue();
  }

  @Test
  void jsonRoundTripsExactly() {
    Expectation e =
        Expectation.fromJson(
            "sshd",
            json(
                "{'selector':'role=web','key':'package:openssh-server','op':'ge',"
                    + "'value':'1:9.2p1-2','severity':'high'}"));
    assertThat(e.op()).isEqualTo(ExpectationOp.GE);
    assertThat(e.selector()).isEqualTo(Selector.parse("role=web"));
    assertThat(e.toJson())
        .isEqualTo(
            json(
                "{'name':'sshd','selector':'role=web','key':'package:openssh-server','op':'ge',"
                    + "'value':'1:9.2p1-2','severity':'high'}"));
    assertThat(Expectation.fromJson("sshd", e.toJson())).isEqualTo(e);
    Expectation absent =
        Expectation.fromJson("no-telnet", json("{'key':'package:telnetd','op':'absent'}"));
    assertThat(Expectation.fromJson("no-telnet", absent.toJson())).isEqualTo(absent);
    assertThat(absent.selector()).isEqualTo(Selector.all());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{'key':'package:a','op':'around','value':'1'}|op: unknown operator",
        "{'key':'package:a'}|op: required",
        "{'key':'package:a','op':'eq'}|value: required for op eq",
        "{'key':'package:a','op':'present','value':'1'}|value: op present takes no value",
        "{'key':'package:a','op':'ge','value':' '}|value: op ge needs a version",
        "{'key':'package:a','op':'regex','value':'('}|value: invalid regular expression",
        "{'key':'Package','op':'present'}|key: invalid fact key",
        "{'op':'present'}|key: required",
        "{'key':'package:a','op':'present','selector':'role'}|selector: invalid selector term",
        "{'key':'package:a','op':'present','severity':'urgent'}|severity: ",
        "{'key':'package:a','op':'present','colour':'red'}|colour: unknown field",
        "{'key':'package:a','op':'present','name':'other'}|name: ",
        "{'key':['package:a'],'op':'present'}|key: expected a string",
        "[1]|expectation: the body must be a JSON object",
      })
  void badBodiesNameTheField(String body, String message) {
    assertThatThrownBy(() -> Expectation.fromJson("e", json(body)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void regexAndNamesAreCapped() {
    String longRegex = "a".repeat(Expectation.MAX_PATTERN + 1);
    assertThatThrownBy(() -> of(ExpectationOp.REGEX, longRegex))
        .hasMessageStartingWith("value: regular expression longer than");
    assertThatThrownBy(
            () ->
                new Expectation(
                    "x".repeat(PolicyName.MAX_LENGTH + 1),
                    Selector.all(),
                    "package:a",
                    ExpectationOp.PRESENT,
                    null,
                    null))
        .hasMessageStartingWith("invalid expectation name");
    assertThatThrownBy(
            () ->
                new Expectation(
                    "a/b", Selector.all(), "package:a", ExpectationOp.PRESENT, null, null))
        .hasMessageStartingWith("invalid expectation name");
  }
}
