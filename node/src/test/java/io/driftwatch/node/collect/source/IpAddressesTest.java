package io.driftwatch.node.collect.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class IpAddressesTest {

  @Test
  void ipv6FollowsRfc5952() throws Exception {
    assertThat(canonical("::")).isEqualTo("::");
    assertThat(canonical("::1")).isEqualTo("::1");
    assertThat(canonical("1::")).isEqualTo("1::");
    assertThat(canonical("fe80:0:0:0:0:0:0:1")).isEqualTo("fe80::1");
    assertThat(canonical("2001:DB8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
    assertThat(canonical("2001:db8:0:1:1:1:1:1")).isEqualTo("2001:db8:0:1:1:1:1:1");
    assertThat(canonical("2001:0:0:1:0:0:0:1")).isEqualTo("2001:0:0:1::1");
    assertThat(canonical("::ffff:10.0.0.1")).isEqualTo("::ffff:10.0.0.1");
  }

  @Test
  void ipv4IsDottedDecimal() {
    assertThat(IpAddresses.ipv4(new byte[] {(byte) 192, (byte) 168, 0, (byte) 255}, 0))
        .isEqualTo("192.168.0.255");
  }

  private static String canonical(String address) throws Exception {
    byte[] bytes = InetAddress.getByName(address).getAddress();
    if (bytes.length == 4) {
      // InetAddress turns ::ffff:a.b.c.d into an IPv4 address; rebuild the mapped form.
      byte[] mapped = new byte[16];
      mapped[10] = (byte) 0xff;
      mapped[11] = (byte) 0xff;
      System.arraycopy(bytes, 0, mapped, 12, 4);
      bytes = mapped;
    }
    return IpAddresses.ipv6(bytes);
  }
}
