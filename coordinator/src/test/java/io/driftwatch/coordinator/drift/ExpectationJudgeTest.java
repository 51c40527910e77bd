package io.driftwatch.coordinator.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.coordinator.Selector;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.Transport;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpectationJudgeTest {

  private static HostSpec host(String name, String role) {
    return new HostSpec(name, Transport.LOCAL, "/", Map.of("role", role), Duration.ofMinutes(1));
  }

  private static Expectation expect(
      String name, String selector, String key, String op, String value) {
    return new Expectation(
        name, Selector.parse(selector), key, ExpectationOp.parse(op), value, null);
  }

  private static final HostSpec WEB_1 = host("web-1", "web");
  private static final HostSpec CANARY = host("web-2", "web/canary");
  private static final Map<String, HostSpec> HOSTS = hosts(WEB_1, CANARY);

  private static Map<String, HostSpec> hosts(HostSpec... specs) {
    Map<String, HostSpec> m = new LinkedHashMap<>();
    for (HostSpec h : specs) {
      m.put(h.name(), h);
    }
    return m;
  }

  /** Every expectation sees the same facts of each host. */
  private static Map<Expectation, Map<String, Map<String, String>>> facts(
      List<Expectation> expectations, Map<String, Map<String, String>> byHost) {
    Map<Expectation, Map<String, Map<String, String>>> all = new HashMap<>();
    expectations.forEach(e -> all.put(e, byHost));
    return all;
  }

  @Test
  void aVersionBelowTheMinimumIsAFindingWithTheAssertionExpected() {
    Expectation ssh =
        expect("ssh", "role=web", "package:openssh-server", "ge", "1:9.2p1-2+deb12u3");
    var j =
        ExpectationJudge.judge(
            List.of(ssh),
            HOSTS,
            facts(
                List.of(ssh),
                Map.of(
                    "web-1", Map.of("package:openssh-server", "1:9.2p1-2+deb12u2"),
                    "web-2", Map.of("package:openssh-server", "1:9.2p1-2+deb12u3"))),
            Map.of());

    assertThat(j.findings())
        .containsExactly(
            Finding.of(
                "web-1",
                "package:openssh-server",
                "1:9.2p1-2+deb12u2",
                ">= 1:9.2p1-2+deb12u3",
                Source.EXPECTATION,
                "ssh"));
  }

  @Test
  void theNearestRoleWinsForASubroleHost() {
    Expectation web = expect("web-swap", "role=web", "sysctl:vm.swappiness", "eq", "10");
    Expectation canary =
        expect("canary-swap", "role=web/canary", "sysctl:vm.swappiness", "eq", "60");
    Map<String, Map<String, String>> byHost =
        Map.of(
            "web-1", Map.of("sysctl:vm.swappiness", "10"),
            "web-2", Map.of("sysctl:vm.swappiness", "60"));

    var j =
        ExpectationJudge.judge(
            List.of(web, canary), HOSTS, facts(List.of(web, canary), byHost), Map.of());

    // The canary meets its own expectation; its role's (10) does not apply to it.
    assertThat(j.findings()).isEmpty();

    var wrong =
        ExpectationJudge.judge(
            List.of(web, canary),
            HOSTS,
            facts(
                List.of(web, canary),
                Map.of(
                    "web-1", Map.of("sysctl:vm.swappiness", "10"),
                    "web-2", Map.of("sysctl:vm.swappiness", "10"))),
            Map.of());
    assertThat(wrong.findings())
        .containsExactly(
            Finding.of(
                "web-2", "sysctl:vm.swappiness", "10", "60", Source.EXPECTATION, "canary-swap"));
  }

  @Test
  void absentOnAGlobFlagsEveryMatchingKeyAndPresentFlagsNoMatch() {
    Expectation noTelnet = expect("no-telnet", "role=web", "package:telnet*", "absent", null);
    Expectation someNginx = expect("nginx", "role=web", "package:nginx*", "present", null);
    var j =
        ExpectationJudge.judge(
            List.of(noTelnet, someNginx),
            hosts(WEB_1),
            facts(
                List.of(noTelnet, someNginx),
                Map.of("web-1", Map.of("package:telnetd", "0.17", "package:telnet", "0.17"))),
            Map.of());

    assertThat(j.findings())
        .containsExactlyInAnyOrder(
            Finding.of("web-1", "package:telnet", "0.17", null, Source.EXPECTATION, "no-telnet"),
            Finding.of("web-1", "package:telnetd", "0.17", null, Source.EXPECTATION, "no-telnet"),
            Finding.of("web-1", "package:nginx*", null, "present", Source.EXPECTATION, "nginx"));
  }

  @Test
  void rpmHostsCompareVersionsTheRpmWayAndAnExpectationsSeverityIsKept() {
    Expectation kernel =
        new Expectation(
            "kernel",
            Selector.parse("role=web"),
            "package:kernel",
            ExpectationOp.GE,
            "5.14.0-427.el9",
            "high");
    // 5.14.0-427.el9 vs 5.14.0-70.el9: rpm compares 427 and 70 as numbers.
    var j =
        ExpectationJudge.judge(
            List.of(kernel),
            hosts(WEB_1),
            facts(List.of(kernel), Map.of("web-1", Map.of("package:kernel", "5.14.0-70.el9"))),
            Map.of("web-1", VersionSchemes.of("rocky", "rhel centos fedora")));

    assertThat(j.findings()).hasSize(1);
    assertThat(j.severities()).containsValue(Severity.HIGH);
    assertThat(VersionSchemes.of("debian", null)).isEqualTo(VersionScheme.DEBIAN);
    assertThat(VersionSchemes.of("almalinux", null)).isEqualTo(VersionScheme.RPM);
  }

  @Test
  void hostsTheAggregateDidNotAnswerForAreNotJudged() {
    Expectation ssh = expect("ssh", "role=web", "package:openssh-server", "present", null);
    var j =
        ExpectationJudge.judge(
            List.of(ssh), HOSTS, facts(List.of(ssh), Map.of("web-1", Map.of())), Map.of());
    assertThat(j.findings()).extracting(Finding::host).containsExactly("web-1");
  }
}
