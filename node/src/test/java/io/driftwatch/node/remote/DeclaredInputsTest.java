package io.driftwatch.node.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.node.collect.CollectorSettings;
import io.driftwatch.node.collect.CommandRunner;
import io.driftwatch.node.collect.FactSource;
import io.driftwatch.node.collect.HostContext;
import io.driftwatch.node.collect.LocalCommandRunner;
import io.driftwatch.node.collect.LocalHostFiles;
import io.driftwatch.node.collect.SourceResult;
import io.driftwatch.node.collect.source.StandardSources;
import io.driftwatch.node.testing.DefaultSettings;
import io.driftwatch.node.testing.FixtureHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every source declares exactly what it reads: parsing a snapshot of only its declared inputs gives
 * what reading the host directly gives, on a fixture host and on this machine itself.
 */
class DeclaredInputsTest {

  private static final CollectorSettings SETTINGS = DefaultSettings.collector();

  @TempDir Path temp;

  static Stream<String> sources() {
    return StandardSources.all(SETTINGS).stream().map(FactSource::name);
  }

  @ParameterizedTest
  @MethodSource("sources")
  void aSnapshotOfTheDeclaredInputsOfAFixtureHostParsesAsTheHostItself(String name)
      throws Exception {
    Path root =
        FixtureHost.debian12()
            .withFile("/etc/sudoers.d/ops", "ops ALL=(ALL) ALL\n")
            .withFile("/etc/cron.d/backup", "0 3 * * * root /usr/local/bin/backup\n")
            .writeTo(temp.resolve("host"));

    assertSame(source(name), root, Optional.empty(), 1);
  }

  @ParameterizedTest
  @MethodSource("sources")
  void aSnapshotOfTheDeclaredInputsOfAHostWithoutItsFirstChoicesParsesAsTheHostItself(String name)
      throws Exception {
    // Sources that fall back to a second file (os-release) must declare that one too.
    Path root = FixtureHost.debian12().writeTo(temp.resolve("host"));
    Files.delete(root.resolve("etc/os-release"));

    assertSame(source(name), root, Optional.empty(), 1);
  }

  @ParameterizedTest
  @MethodSource("sources")
  void aSnapshotOfTheDeclaredInputsOfThisMachineParsesAsThisMachine(String name) throws Exception {
    // This machine keeps changing (sockets, counters): a few attempts tell a moving host apart
    // from a wrong declaration, which differs every time.
    assertSame(source(name), Path.of("/"), Optional.of(LocalCommandRunner.of(SETTINGS)), 3);
  }

  private static void assertSame(
      FactSource source, Path root, Optional<CommandRunner> commands, int attempts)
      throws Exception {
    LocalHostFiles files = new LocalHostFiles(root, SETTINGS.maxSourceBytes());
    SourceResult local = null;
    SourceResult remote = null;
    for (int attempt = 0; attempt < attempts; attempt++) {
      Snapshot snapshot = LocalSnapshots.read(source.inputs(), files, commands, SETTINGS);
      remote =
          source.collect(
              new HostContext(
                  new SnapshotHostFiles(snapshot, SETTINGS.maxSourceBytes()),
                  commands.map(c -> new RecordedCommands(snapshot, SETTINGS.maxSourceBytes()))));
      local = source.collect(new HostContext(files, commands));
      if (local.equals(remote)) {
        break;
      }
    }
    assertThat(remote.facts()).isEqualTo(local.facts());
    assertThat(remote.complete()).isEqualTo(local.complete());
    assertThat(remote.problems()).isEqualTo(local.problems());
    assertThat(remote.contents()).isEqualTo(local.contents());
  }

  private static FactSource source(String name) {
    return StandardSources.all(SETTINGS).stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
