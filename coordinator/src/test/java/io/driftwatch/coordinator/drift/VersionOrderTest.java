package io.driftwatch.coordinator.drift;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionOrderTest {

  /** Each row: a, b, and the sign dpkg --compare-versions gives. */
  @ParameterizedTest(name = "deb {0} vs {1} = {2}")
  @CsvSource({
    "1.0~rc1, 1.0, -1",
    "1:0.1, 2.0, 1",
    "2.36-9+deb12u4, 2.36-9+deb12u10, -1",
    "2.36-9+deb12u10, 2.36-9+deb12u9, 1",
    "1.0a, 1.0, 1",
    "1.0, 1.0-0, 0",
    "1.0, 1.0-1, -1",
    "0:1.0, 1.0, 0",
    "01.02, 1.2, 0",
    "1.2.3, 1.2.10, -1",
    "1.0~~, 1.0~~a, -1",
    "1.0~~a, 1.0~, -1",
    "1.0~, 1.0, -1",
    "1.0, 1.0a, -1",
    "1.0+dfsg, 1.0, 1",
    "1.0a, 1.0+, -1",
    "1.0.1, 1.0a, 1",
    "1:9.2p1-2, 1:9.2p1-1, 1",
    "1:9.2p1-2, 1:8.9p1-3, 1",
    "9.2p1, 9.2, 1",
    "1.0-1~bpo11+1, 1.0-1, -1",
    "2:1.0, 1:9.9, 1",
    "6.1.0-18-amd64, 6.1.0-9-amd64, 1",
    "5.10.0-28, 6.1.0-18, -1",
    "1.18.0-6.1+deb11u3, 1.18.0-6.1, 1",
    "60, 100, -1",
    "abc, abd, -1",
    "1.0-1ubuntu1, 1.0-1, 1",
    "7.88.1-10+deb12u5, 7.88.1-10+deb12u5, 0",
    "99999999999999999999, 100000000000000000000, -1",
  })
  void debian(String a, String b, int sign) {
    assertThat(Integer.signum(VersionOrder.compare(VersionScheme.DEBIAN, a, b))).isEqualTo(sign);
    assertThat(Integer.signum(VersionOrder.compare(VersionScheme.DEBIAN, b, a))).isEqualTo(-sign);
  }

  /** Each row: a, b, and the sign rpmvercmp / rpmdev-vercmp gives. */
  @ParameterizedTest(name = "rpm {0} vs {1} = {2}")
  @CsvSource({
    "1.0, 1.0, 0",
    "1.0, 2.0, -1",
    "2.0.1, 2.0, 1",
    "2.0.1a, 2.0.1, 1",
    "5.5p1, 5.5p2, -1",
    "5.5p10, 5.5p1, 1",
    "10xyz, 10.1xyz, -1",
    "xyz10, xyz10.1, -1",
    "1.0a, 1.0, 1",
    "1.0, 1.fc4, 1",
    "3.0.0_fc, 3.0.0.fc, 0",
    "2a, 2.0, -1",
    "2_0, 2.0, 0",
    "1.0~rc1, 1.0, -1",
    "1.0~rc1, 1.0~rc2, -1",
    "1.0~rc1~git123, 1.0~rc1, -1",
    "1.0^, 1.0, 1",
    "1.0^git1, 1.0, 1",
    "1.0^git1, 1.0.1, -1",
    "1.0^git1, 1.0^git2, -1",
    "1.0~rc1^git1, 1.0~rc1, 1",
    "1.0~rc1^git1, 1.0, -1",
    "1:1.0, 2.0, 1",
    "1.0-1, 1.0-2, -1",
    "1.0-1.el9, 1.0-1, 1",
    "1.0, 1.0-5, 0",
    "2.34-100.el9_4.2, 2.34-83.el9_3.12, 1",
    "1b, 1a, 1",
    "0:4.16.1.3-29.el9, 4.16.1.3-29.el9, 0",
  })
  void rpm(String a, String b, int sign) {
    assertThat(Integer.signum(VersionOrder.compare(VersionScheme.RPM, a, b))).isEqualTo(sign);
    assertThat(Integer.signum(VersionOrder.compare(VersionScheme.RPM, b, a))).isEqualTo(-sign);
  }
}
