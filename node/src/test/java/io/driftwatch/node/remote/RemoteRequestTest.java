package io.driftwatch.node.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.node.collect.CollectorSettings;
import io.driftwatch.node.collect.FactSource;
import io.driftwatch.node.collect.Input;
import io.driftwatch.node.collect.source.StandardSources;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.Transport;
import io.driftwatch.node.testing.DefaultSettings;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteRequestTest {

  private static final CollectorSettings SETTINGS = DefaultSettings.collector();
  private static final List<FactSource> SOURCES = StandardSources.all(SETTINGS);
  private static final String NONCE = "0123456789abcdef";

  @TempDir Path temp;

  @Test
  void theRequestIsTheStrippedScriptAndOneCallCarryingTheData() throws Exception {
    String text = text(RemoteRequest.of(plan("/srv/web 1"), SETTINGS, Map.of(), NONCE));

    assertThat(text).startsWith(ProbeScript.text()).endsWith("n " + NONCE + "'\n");
    assertThat(text)
        .contains("\ndw 'r /srv/web 1\nk " + SETTINGS.contentMaxBytes() + " ")
        .contains("\nu 0\nf /etc/os-release\n");
    assertThat(text).doesNotContain("\n#").doesNotContain("\n  ");
  }

  @Test
  void theShellReadsTheDataLiterallyWhateverTheRootHolds() throws Exception {
    Path pwned = temp.resolve("pwned");
    String root = "/srv/it's \"$(touch " + pwned + ")\" `touch " + pwned + "` $HOME \\ *";
    String text = text(RemoteRequest.of(plan(root), SETTINGS, Map.of(0, "0123456789abcde"), NONCE));
    String call = text.substring(text.lastIndexOf("\ndw '") + 1);

    // The same call, to a dw that only prints what it was given.
    Process sh =
        new ProcessBuilder("sh", "-c", "dw() { printf '%s' \"$1\"; }\n" + call)
            .redirectErrorStream(true)
            .start();
    String data = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    sh.waitFor();

    assertThat(data)
        .isEqualTo(
            RemoteRequest.constantData(plan(root), SETTINGS) + "h 0 0123456789abcde\nn " + NONCE);
    assertThat(data).startsWith("r " + root + "\n");
    assertThat(pwned).doesNotExist();
  }

  @Test
  void everythingBeforeTheHashesIsTheSameBytesInEveryProbe() {
    ProbePlan plan = plan("/");
    RemoteRequest first = RemoteRequest.of(plan, SETTINGS, Map.of(), NONCE);
    RemoteRequest second =
        RemoteRequest.of(
            plan, SETTINGS, new TreeMap<>(Map.of(3, "fffffffffffffff")), "fedcba9876543210");

    byte[] a = first.bytes();
    byte[] b = second.bytes();
    int same = 0;
    while (same < Math.min(a.length, b.length) && a[same] == b[same]) {
      same++;
    }
    assertThat(first.constantBytes()).isEqualTo(second.constantBytes());
    assertThat(same).isGreaterThanOrEqualTo(first.constantBytes());
    assertThat(first.constantBytes()).isGreaterThan(a.length * 9 / 10);
  }

  @Test
  void commandsAndStablePartsAreSentOnlyForTheNodesOwnMachine() throws Exception {
    String self = text(RemoteRequest.of(plan("/"), SETTINGS, Map.of(), NONCE));
    String fixture = text(RemoteRequest.of(plan("/srv/web-1"), SETTINGS, Map.of(), NONCE));

    assertThat(self)
        .contains("\nC systemctl list-unit-files --type=service")
        .contains("\nv /etc/systemd/system\n")
        .contains("\np *.service\n")
        .contains("\nc systemctl list-units --type=service")
        .contains("\nC rpm -qa ")
        .contains("\nv /var/lib/rpm\n")
        .contains("\ne ^(MemTotal|");
    assertThat(fixture)
        .doesNotContain("\nc ")
        .doesNotContain("\nC ")
        .doesNotContain("\nv ")
        .doesNotContain("\ne ");
  }

  @Test
  void underSlashEachCommandIsAUnitOfItsOwnAndElsewhereThereAreNone() {
    List<ProbeUnit> self = plan("/").units();
    List<ProbeUnit> fixture = plan("/srv/web-1").units();

    assertThat(self.stream().filter(u -> u.source().equals("services")).map(ProbeUnit::inputs))
        .map(inputs -> inputs.size() == 1 && inputs.get(0) instanceof Input.Command)
        .containsExactly(false, true, true);
    assertThat(self.stream().map(ProbeUnit::index))
        .containsExactlyElementsOf(IntStream.range(0, self.size()).boxed().toList());
    assertThat(fixture).hasSize(SOURCES.size());
    assertThat(fixture.stream().flatMap(u -> u.inputs().stream()))
        .noneMatch(input -> input instanceof Input.Command);
  }

  @Test
  void globsQuoteEverythingButTheirStar() {
    assertThat(RemoteRequest.globQuote("/a*b?c[d]e\\f")).isEqualTo("/a\\*b\\?c\\[d\\]e\\\\f");
    assertThat(RemoteRequest.quoted("it's")).isEqualTo("it'\\''s");
  }

  @Test
  void malformedNoncesAndHashesAreRefused() {
    ProbePlan plan = plan("/");
    assertThatThrownBy(() -> RemoteRequest.of(plan, SETTINGS, Map.of(), "0123'; rm -rf /"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RemoteRequest.of(plan, SETTINGS, Map.of(1, "x'"), NONCE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void listingsDeeperThanTheScriptWalksAreRefusedByName() {
    CollectorSettings deep =
        new CollectorSettings(
            List.of("/etc/*/*/*.conf"),
            List.of(),
            SETTINGS.maxSourceBytes(),
            SETTINGS.contentMaxBytes(),
            SETTINGS.hashMaxBytes(),
            SETTINGS.maxFacts(),
            SETTINGS.commandTimeout());
    HostSpec host = new HostSpec("web-1", Transport.SSH, "/", Map.of(), Duration.ofSeconds(60));

    assertThatThrownBy(() -> ProbePlan.of(StandardSources.all(deep), host, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("files reads \"/etc\" 3 levels deep; remote probes walk at most 2");
  }

  @Test
  void sudoGoesToTheUnitReadingSudoersAndOnlyUnderSlash() {
    HostSpec self = new HostSpec("self", Transport.SSH, "/", Map.of(), Duration.ofSeconds(60));
    HostSpec chroot =
        new HostSpec("jail", Transport.SSH, "/srv/jail", Map.of(), Duration.ofSeconds(60));

    ProbePlan withSudo = ProbePlan.of(SOURCES, self, true);
    assertThat(withSudo.units().stream().filter(ProbeUnit::sudoRead).map(ProbeUnit::source))
        .containsExactly("files");
    assertThat(ProbePlan.of(SOURCES, chroot, true).sudo()).isFalse();
    assertThat(ProbePlan.of(SOURCES, chroot, true).units()).noneMatch(ProbeUnit::sudoRead);
  }

  @Test
  void theScriptAndTheSudoersSnippetNameExactlyTheAllowlistedCommand() throws Exception {
    String command = String.join(" ", SudoRead.ARGV);
    String allowed = String.join(" ", SudoRead.ARGV.subList(2, SudoRead.ARGV.size()));
    String snippet = Files.readString(repository().resolve("ops/sudoers.d/driftwatch"));

    assertThat(ProbeScript.text()).contains(command);
    assertThat(snippet).contains("\ndriftwatch ALL=(root) NOPASSWD: " + allowed + "\n");
    // Besides this one, only the change context's reads of auth.log (RemoteLogFetcherTest).
    assertThat(snippet.lines().filter(l -> l.startsWith("driftwatch ")))
        .hasSize(1 + RemoteLogFetcher.SUDO_PATHS.size());
    assertThat(allowed).doesNotContain("*").doesNotContain("?").doesNotContain("[");
  }

  private static Path repository() {
    Path dir = Path.of("").toAbsolutePath();
    while (!Files.exists(dir.resolve("ops/sudoers.d/driftwatch"))) {
      dir = dir.getParent();
    }
    return dir;
  }

  private static ProbePlan plan(String root) {
    return ProbePlan.of(
        SOURCES,
        new HostSpec("web-1", Transport.SSH, root, Map.of(), Duration.ofSeconds(60)),
        false);
  }

  private static String text(RemoteRequest request) throws Exception {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(request.bytes()))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
