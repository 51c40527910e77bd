package io.driftwatch.coordinator.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

/** The default rules, as reference.conf ships them. */
class SeverityRulesTest {

  private static final DriftSettings DEFAULTS = DriftSettings.fromConfig(ConfigFactory.load());

  private static Severity rank(String key, String actual, String expected) {
    return DEFAULTS.severity().of(Finding.of("h", key, actual, expected, Source.PEERS, null));
  }

  @Test
  void aNewUidZeroUserANewPortSudoersAndSshdRankHigh() {
    assertThat(rank("user:toor", "uid=0 gid=0 home=/root shell=/bin/bash", null))
        .isEqualTo(Severity.HIGH);
    assertThat(
            rank(
                "user:deploy",
                "uid=0 gid=0 home=/home/deploy shell=/bin/bash",
                "uid=1005 gid=1005 home=/home/deploy shell=/bin/bash"))
        .isEqualTo(Severity.HIGH);
    assertThat(rank("user:deploy", "uid=1005 gid=1005 home=/x shell=/bin/bash", null))
        .isEqualTo(Severity.LOW);
    assertThat(rank("user:deploy", "uid=10 gid=0", null)).isEqualTo(Severity.LOW);
    assertThat(rank("port:tcp:0.0.0.0:4444", "listen", null)).isEqualTo(Severity.HIGH);
    assertThat(rank("port:tcp:0.0.0.0:80", null, "listen")).isEqualTo(Severity.LOW);
    assertThat(rank("file:/etc/sudoers.d/ops", "sha256:ab mode=0440", null))
        .isEqualTo(Severity.HIGH);
    assertThat(rank("file:/etc/ssh/sshd_config", "sha256:cd", "sha256:ef"))
        .isEqualTo(Severity.HIGH);
  }

  @Test
  void packagesKernelModulesAndServicesRankMediumTheRestLow() {
    assertThat(rank("package:libc6", "2.36-9+deb12u3", "2.36-9+deb12u8"))
        .isEqualTo(Severity.MEDIUM);
    assertThat(rank("kernel:release", "6.1.0-25-amd64", "6.1.0-26-amd64"))
        .isEqualTo(Severity.MEDIUM);
    assertThat(rank("module:nf_conntrack", null, "loaded")).isEqualTo(Severity.MEDIUM);
    assertThat(rank("service:nginx.service", "inactive", "active enabled"))
        .isEqualTo(Severity.MEDIUM);
    assertThat(rank("sysctl:vm.swappiness", "10", "60")).isEqualTo(Severity.LOW);
  }

  @Test
  void theDefaultIgnoreListKeepsHostIdentitiesOut() {
    assertThat(DEFAULTS.ignore()).anyMatch(p -> p.matches("port:tcp:10.1.2.3:8080"));
    assertThat(DEFAULTS.ignore()).anyMatch(p -> p.matches("port:tcp:[fe80::1]:22"));
    assertThat(DEFAULTS.ignore()).noneMatch(p -> p.matches("port:tcp:0.0.0.0:22"));
    assertThat(DEFAULTS.ignore()).noneMatch(p -> p.matches("port:tcp:[::]:22"));
    assertThat(DEFAULTS.ignore()).noneMatch(p -> p.matches("port:udp:127.0.0.1:323"));
    assertThat(DEFAULTS.ignore()).anyMatch(p -> p.matches("sysctl:kernel.hostname"));
    assertThat(DEFAULTS.ignore()).anyMatch(p -> p.matches("dmi:product_serial"));
  }

  @Test
  void badRulesAreRejectedNamingWhatIsWrong() {
    assertThatThrownBy(() -> SeverityRule.of("user:*", "(", null, "high"))
        .hasMessageContaining("invalid value regex");
    assertThatThrownBy(() -> SeverityRule.of("user:*", null, "sometimes", "high"))
        .hasMessageContaining("when must be added, removed or changed");
    assertThatThrownBy(() -> SeverityRule.of("user:*", null, null, "urgent"))
        .hasMessageContaining("high, medium or low");
  }
}
