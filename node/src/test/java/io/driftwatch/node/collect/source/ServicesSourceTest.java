package io.driftwatch.node.collect.source;

import static io.driftwatch.node.testing.FixtureFiles.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.node.collect.HostContext;
import io.driftwatch.node.collect.SourceResult;
import io.driftwatch.node.testing.DirectoryHostFiles;
import io.driftwatch.node.testing.FixtureHost;
import io.driftwatch.node.testing.ScriptedCommands;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServicesSourceTest {

  private static final Map<String, String> DEBIAN12_LINKS =
      Map.of(
          "chrony.service", "enabled",
          "cron.service", "enabled",
          "e2scrub_reap.service", "enabled",
          "networking.service", "enabled",
          "nginx.service", "enabled",
          "rsyslog.service", "enabled",
          "ssh.service", "enabled",
          "getty@tty1.service", "enabled");

  @TempDir Path root;

  @Test
  void unitLinksFindWantedServicesButNotAliasesTimersOrTargets() throws Exception {
    FixtureHost.debian12().writeTo(root);

    assertThat(ServicesSource.unitLinks(new DirectoryHostFiles(root)))
        .containsExactlyInAnyOrderEntriesOf(DEBIAN12_LINKS);
  }

  @Test
  void aLinkToDevNullMasksTheService() throws Exception {
    FixtureHost.debian12().withMaskedService("nginx").withMaskedService("rpcbind").writeTo(root);

    assertThat(ServicesSource.unitLinks(new DirectoryHostFiles(root)))
        .containsEntry("nginx.service", "masked")
        .containsEntry("rpcbind.service", "masked")
        .containsEntry("ssh.service", "enabled");
  }

  @Test
  void withoutCommandsTheLinksAreTheFacts() throws Exception {
    FixtureHost.debian12().writeTo(root);

    SourceResult result = new ServicesSource().collect(DirectoryHostFiles.context(root));

    assertThat(result.facts()).hasSize(8).containsEntry("service:ssh.service", "enabled");
    assertThat(result.complete()).isTrue();
    assertThat(result.problems()).isEmpty();
  }

  @Test
  void systemctlOutputGivesActiveStateAndEnablement() {
    SourceResult result =
        ServicesSource.parseSystemctl(
            text("services/list-unit-files"),
            text("services/list-units"),
            Map.of("getty@tty1.service", "enabled"));

    assertThat(result.facts())
        .hasSize(108)
        .containsEntry("service:postgresql.service", "failed enabled")
        .containsEntry("service:e2scrub_reap.service", "inactive enabled")
        .containsEntry("service:systemd-journald.service", "active static")
        .containsEntry("service:systemd-timesyncd.service", "active enabled")
        .containsEntry("service:systemd-networkd.service", "inactive disabled")
        .containsEntry("service:cryptdisks.service", "inactive masked")
        .containsEntry("service:getty@.service", "inactive enabled")
        .containsEntry("service:getty@tty1.service", "active enabled")
        .containsEntry("service:dbus-org.freedesktop.timesync1.service", "inactive alias")
        .doesNotContainKeys(
            "service:user@1000.service",
            "service:user-runtime-dir@1000.service",
            "service:serial-getty@ttyS0.service",
            "service:ifup@eth0.service",
            "service:postgresql@15-main.service",
            "service:legacy-agent.service");
    assertThat(result.complete()).isTrue();
    assertThat(result.problems()).isEmpty();
  }

  @Test
  void garbageSystemctlOutputIsIncomplete() {
    SourceResult result =
        ServicesSource.parseSystemctl(
            text("services/list-unit-files-garbage"), text("services/list-units"), Map.of());

    assertThat(result.complete()).isFalse();
    assertThat(result.facts()).isEmpty();
  }

  @Test
  void collectAsksSystemctlOnTheNodesOwnMachine() throws Exception {
    FixtureHost.debian12().writeTo(root);
    ScriptedCommands commands =
        new ScriptedCommands()
            .answering(ServicesSource.LIST_UNIT_FILES, text("services/list-unit-files"))
            .answering(ServicesSource.LIST_UNITS, text("services/list-units"));

    SourceResult result =
        new ServicesSource()
            .collect(new HostContext(new DirectoryHostFiles(root), Optional.of(commands)));

    // Active states first: when they fail (no running systemd) the unit files are not asked for.
    assertThat(commands.ran())
        .containsExactly(ServicesSource.LIST_UNITS, ServicesSource.LIST_UNIT_FILES);
    assertThat(result.facts())
        .containsEntry("service:postgresql.service", "failed enabled")
        .containsEntry("service:getty@tty1.service", "active enabled")
        // Enabled by a link but unknown to this systemctl output: inactive.
        .containsEntry("service:nginx.service", "inactive enabled");
  }

  @Test
  void fallsBackToLinksWhenSystemdIsNotRunning() throws Exception {
    FixtureHost.debian12().writeTo(root);
    ScriptedCommands commands =
        new ScriptedCommands()
            .answering(ServicesSource.LIST_UNIT_FILES, text("services/list-unit-files"))
            .failing(
                ServicesSource.LIST_UNITS,
                "System has not been booted with systemd as init system (PID 1). Can't operate.");

    SourceResult result =
        new ServicesSource()
            .collect(new HostContext(new DirectoryHostFiles(root), Optional.of(commands)));

    assertThat(result.facts()).hasSize(8).containsEntry("service:nginx.service", "enabled");
    assertThat(result.complete()).isTrue();
    assertThat(commands.ran()).containsExactly(ServicesSource.LIST_UNITS);
    assertThat(result.problems())
        .singleElement()
        .asString()
        .contains("has not been booted with systemd", "enablement only");
  }

  @Test
  void fallsBackToLinksWhenSystemctlIsMissing() throws Exception {
    FixtureHost.debian12().writeTo(root);

    SourceResult result =
        new ServicesSource()
            .collect(
                new HostContext(new DirectoryHostFiles(root), Optional.of(new ScriptedCommands())));

    assertThat(result.facts()).hasSize(8);
    assertThat(result.problems()).singleElement().asString().contains("not installed");
  }
}
