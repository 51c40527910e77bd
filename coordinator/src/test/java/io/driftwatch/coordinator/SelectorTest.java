package io.driftwatch.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.Transport;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SelectorTest {

  private static HostSpec host(String name, Map<String, String> tags) {
    return new HostSpec(name, Transport.LOCAL, "/", tags, Duration.ofMinutes(1));
  }

  private static final HostSpec WEB_1 = host("web-1", Map.of("role", "web", "env", "prod"));
  private static final HostSpec WEB_CANARY =
      host("web-9", Map.of("role", "web/canary", "env", "prod"));
  private static final HostSpec WEBAPP = host("webapp-1", Map.of("role", "webapp", "env", "prod"));
  private static final HostSpec DB_1 = host("db-1", Map.of("role", "db", "env", "staging"));

  @Test
  void emptySelectorMatchesEveryHost() {
    assertThat(Selector.parse("").matches(DB_1)).isTrue();
    assertThat(Selector.parse(null).matches(WEB_1)).isTrue();
  }

  @Test
  void aDoubleEqualsRoleMatchesThatRoleOnlyNotItsSubroles() {
    Selector web = Selector.parse("role==web");
    assertThat(web.matches(WEB_1)).isTrue();
    assertThat(web.matches(WEB_CANARY)).isFalse();
    assertThat(Selector.exactRole("web/canary").matches(WEB_CANARY)).isTrue();
    assertThat(Selector.exactRole("web/canary").matches(WEB_1)).isFalse();
    assertThat(Selector.exactRole("web").toString()).isEqualTo("role==web");
  }

  @Test
  void roleMatchesItsSubrolesButNotLookalikes() {
    Selector web = Selector.parse("role=web");
    assertThat(web.matches(WEB_1)).isTrue();
    assertThat(web.matches(WEB_CANARY)).isTrue();
    assertThat(web.matches(WEBAPP)).isFalse();
    assertThat(Selector.parse("role=web/canary").matches(WEB_1)).isFalse();
  }

  @Test
  void termsAreJoinedWithAnd() {
    Selector s = Selector.parse("role=web, env=prod");
    assertThat(s.matches(WEB_1)).isTrue();
    assertThat(Selector.parse("role=web,env=staging").matches(WEB_1)).isFalse();
  }

  @Test
  void nameTakesAGlob() {
    Selector s = Selector.parse("name=web-*");
    assertThat(s.matches(WEB_1)).isTrue();
    assertThat(s.matches(WEBAPP)).isFalse();
    assertThat(Selector.parse("name=db-?").matches(DB_1)).isTrue();
    assertThat(Selector.parse("name=web.1").matches(WEB_1)).isFalse();
  }

  @Test
  void otherTagsMatchExactlyAndAMissingTagNeverMatches() {
    assertThat(Selector.parse("env=prod").matches(DB_1)).isFalse();
    assertThat(Selector.parse("rack=r1").matches(WEB_1)).isFalse();
  }

  @Test
  void groupMatchesTheGroupAndEveryGroupBelowIt() {
    HostSpec web = host("g-1", Map.of("group", "web"));
    HostSpec canary = host("g-2", Map.of("group", "dc1/web/canary"));
    HostSpec several = host("g-3", Map.of("group", "dc2/db monitoring"));
    HostSpec lookalike = host("g-4", Map.of("group", "webapp/web-old"));
    Selector group = Selector.parse("group=web");
    assertThat(group.matches(web)).isTrue();
    assertThat(group.matches(canary)).isTrue();
    assertThat(group.matches(several)).isFalse();
    assertThat(group.matches(lookalike)).isFalse();
    assertThat(group.matches(WEB_1)).as("a role is not a group").isFalse();
    assertThat(Selector.parse("group=canary").matches(canary)).isTrue();
    assertThat(Selector.parse("group=web/canary").matches(canary)).isTrue();
    assertThat(Selector.parse("group=dc1/canary").matches(canary)).isFalse();
    assertThat(Selector.parse("group=monitoring").matches(several)).isTrue();
    assertThat(Selector.parse("group=db").matches(several)).isTrue();
    assertThat(Selector.parse("group=dc2/db,group=monitoring").matches(several)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"role", "=web", "role=", "role=web,", "ro le=web", "role=web,,env=x"})
  void malformedSelectorsAreRejectedWithTheExpectedForm(String text) {
    assertThatThrownBy(() -> Selector.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid selector term");
  }
}
