package io.driftwatch.node.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.node.collect.Collection;
import io.driftwatch.node.collect.Collector;
import io.driftwatch.node.collect.CollectorSettings;
import io.driftwatch.node.collect.FactSource;
import io.driftwatch.node.collect.source.StandardSources;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.SshOptions;
import io.driftwatch.node.host.Transport;
import io.driftwatch.node.probe.LocalProber;
import io.driftwatch.node.probe.ProbeException;
import io.driftwatch.node.testing.DefaultSettings;
import io.driftwatch.node.testing.FixtureHost;
import io.driftwatch.node.testing.LocalShell;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote probe end to end: the real script, run by a real local {@code sh} as sshd would run
 * it, against fixture hosts and this machine, compared with a local probe of the same root.
 */
class RemoteProberTest {

  private static final CollectorSettings SETTINGS = DefaultSettings.collector();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final RemoteLimits LIMITS = new RemoteLimits(64 << 20, 512 << 20, TIMEOUT);

  @TempDir Path temp;
  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private final Collector collector = new Collector(StandardSources.all(SETTINGS), SETTINGS);

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  @Test
  void aRemoteProbeOfAFixtureHostEqualsALocalProbe() throws Exception {
    Path root = FixtureHost.debian12().writeTo(temp.resolve("web-1"));

    assertSameCollection(
        await(remote(LocalShell.asCurrentUser()).probe(ssh(root))), await(local(root)));
  }

  @Test
  void aRemoteProbeOfThisMachineEqualsALocalProbe() throws Exception {
    RemoteProber prober = remote(LocalShell.asCurrentUser());
    Collection remote = null;
    Collection local = null;
    // This machine's listening sockets come and go while the tests run: a few attempts tell that
    // apart from a real difference, which shows every time.
    for (int attempt = 0; attempt < 3; attempt++) {
      remote = await(prober.probe(ssh(Path.of("/"))));
      local = await(local(Path.of("/")));
      if (remote.facts().equals(local.facts())) {
        break;
      }
    }
    assertSameCollection(remote, local);
  }

  @Test
  void anUnchangedReprobeSendsOnlyMarkersAndYieldsTheSameFacts() throws Exception {
    Path root = FixtureHost.debian12().writeTo(temp.resolve("web-1"));
    LocalShell shell = LocalShell.asCurrentUser();
    RemoteProber prober = remote(shell);

    Collection first = await(prober.probe(ssh(root)));
    long fullAnswer = shell.last().traffic().payloadReceived();
    Collection second = await(prober.probe(ssh(root)));

    assertThat(changedUnits(shell)).isEmpty();
    assertThat(shell.last().traffic().payloadReceived()).isLessThan(150).isLessThan(fullAnswer);
    assertThat(shell.last().traffic().payloadSent()).isLessThan(4000);
    assertThat(second.facts()).isEqualTo(first.facts());
    assertThat(second.contents()).isEqualTo(first.contents());
  }

  @Test
  void changingOneFileResendsOnlyItsUnit() throws Exception {
    Path root = FixtureHost.debian12().writeTo(temp.resolve("web-1"));
    LocalShell shell = LocalShell.asCurrentUser();
    RemoteProber prober = remote(shell);
    await(prober.probe(ssh(root)));

    Files.writeString(root.resolve("etc/hosts"), "127.0.0.1 localhost\n10.0.0.9 db\n");
    Collection afterEdit = await(prober.probe(ssh(root)));

    assertThat(changedUnits(shell)).containsExactly(unit("files"));
    assertThat(afterEdit.contents()).containsValue("127.0.0.1 localhost\n10.0.0.9 db\n");
    assertSameCollection(afterEdit, await(local(root)));
  }

  @Test
  void rewritingAHostWithOnePackageChangedResendsOnlyThePackages() throws Exception {
    Path root = FixtureHost.debian12().writeTo(temp.resolve("web-1"));
    LocalShell shell = LocalShell.asCurrentUser();
    RemoteProber prober = remote(shell);
    await(prober.probe(ssh(root)));

    // Every file is written anew (new inodes and times): only content counts.
    FixtureHost.debian12().withPackage("libc6", "2.36-9+deb12u7").writeTo(root);
    Collection after = await(prober.probe(ssh(root)));

    assertThat(changedUnits(shell)).containsExactly(unit("packages"));
    assertThat(after.facts().get("package:libc6")).isEqualTo("2.36-9+deb12u7");
  }

  @Test
  void aNewProberHoldsNothingSoItsFirstProbeIsAFullTransfer() throws Exception {
    Path root = FixtureHost.debian12().writeTo(temp.resolve("web-1"));
    LocalShell shell = LocalShell.asCurrentUser();
    await(remote(shell).probe(ssh(root)));

    await(remote(shell).probe(ssh(root)));

    assertThat(changedUnits(shell)).hasSize(StandardSources.all(SETTINGS).size());
  }

  @Test
  void aTruncatedDpkgStatusIsStillDetectedAsIncomplete() throws Exception {
    Path root = FixtureHost.debian12().truncatedDpkgStatus().writeTo(temp.resolve("web-1"));

    Collection remote = await(remote(LocalShell.asCurrentUser()).probe(ssh(root)));

    assertThat(remote.failedCategories()).containsKey("package");
    assertSameCollection(remote, await(local(root)));
  }

  @Test
  void hostileFileNamesRoundTripExactlyAndNeverRun() throws Exception {
    Path pwned = temp.resolve("pwned");
    List<String> names =
        List.of(
            "with space",
            "new\nline",
            "quote'single",
            "quote\"double",
            "$(touch " + pwned + ")",
            "`touch " + pwned + "`",
            "-rf",
            "--help",
            "back\\slash",
            "star*",
            "tab\tname",
            ";touch " + pwned.getFileName());
    FixtureHost host = FixtureHost.debian12();
    for (String name : names) {
      host = host.withFile("/etc/cron.d/" + name, "# " + name + "\n* * * * * root true\n");
    }
    Path root = host.writeTo(temp.resolve("web-1"));

    Collection remote = await(remote(LocalShell.asCurrentUser()).probe(ssh(root)));

    assertSameCollection(remote, await(local(root)));
    assertThat(remote.facts().get("file:/etc/cron.d/with space")).startsWith("sha256:");
    assertThat(remote.facts().get("file:/etc/cron.d/-rf")).startsWith("sha256:");
    assertThat(pwned).doesNotExist();
  }

  @Test
  void hostileRootPathsRoundTripAndNeverRun() throws Exception {
    Path pwned = temp.resolve("pwned");
    Path root =
        FixtureHost.debian12()
            .writeTo(temp.resolve("r o'o\"t $(touch " + pwned + ") `touch " + pwned + "` $HOME *"));

    Collection remote = await(remote(LocalShell.asCurrentUser()).probe(ssh(root)));

    assertSameCollection(remote, await(local(root)));
    assertThat(pwned).doesNotExist();
  }

  @Test
  void fileContentsRoundTripByteForByteInEverySizeRegime() throws Exception {
    // Small caps so that one host has files read whole, hashed remotely and only measured.
    CollectorSettings caps =
        new CollectorSettings(
            List.of("/etc/cron.d/*", "/etc/hosts"),
            List.of(),
            SETTINGS.maxSourceBytes(),
            16,
            64,
            SETTINGS.maxFacts(),
            SETTINGS.commandTimeout());
    Path root =
        FixtureHost.debian12()
            .withFile("/etc/cron.d/binary", "a\0b\0")
            .withFile("/etc/cron.d/nul", "\0")
            .withFile("/etc/cron.d/empty", "")
            .withFile("/etc/cron.d/unterminated", "no newline")
            .withFile("/etc/cron.d/middle", "m".repeat(40))
            .withFile("/etc/cron.d/large", "l".repeat(100))
            .withSymlink("/etc/cron.d/link", "/etc/hosts")
            .writeTo(temp.resolve("web-1"));
    Collector small = new Collector(StandardSources.all(caps), caps);

    Collection remote =
        await(
            new RemoteProber(LocalShell.asCurrentUser(), small, caps, LIMITS, pool, false)
                .probe(ssh(root)));
    Collection local =
        await(
            new LocalProber(small, caps, pool, TIMEOUT)
                .probe(new HostSpec("web-1", Transport.LOCAL, root.toString(), Map.of(), TIMEOUT)));

    assertSameCollection(remote, local);
    assertThat(remote.facts().get("file:/etc/cron.d/middle")).startsWith("sha256:");
    assertThat(remote.facts().get("file:/etc/cron.d/large")).startsWith("unhashed size=100");
    assertThat(remote.facts().get("file:/etc/cron.d/link")).isEqualTo("symlink=/etc/hosts");
    assertThat(remote.contents()).containsValue("no newline");
  }

  @Test
  void linksInsideARootResolveAsIfItWereSlashSoNothingOutsideIsRead() throws Exception {
    Path secret = Files.writeString(temp.resolve("secret"), "SECRET outside the root\n");
    Path root =
        FixtureHost.debian12()
            .withFile("/etc/real-passwd", "root:x:0:0:root:/root:/bin/bash\n")
            .withSymlink("/etc/passwd", "/etc/real-passwd")
            .withSymlink("/etc/hosts", secret.toString())
            .withSymlink("/etc/resolv.conf", "../../../../../../../../etc/real-passwd")
            .withSymlink("/etc/modprobe.d", "/etc/modprobe-real")
            .withFile("/etc/modprobe-real/blacklist.conf", "blacklist pcspkr\n")
            .writeTo(temp.resolve("jail"));

    Collection remote = await(remote(LocalShell.asCurrentUser()).probe(ssh(root)));

    assertSameCollection(remote, await(local(root)));
    assertThat(remote.facts().get("user:root")).isNotNull();
    assertThat(remote.contents().values()).noneMatch(text -> text.contains("SECRET"));
    assertThat(remote.facts().get("file:/etc/modprobe.d/blacklist.conf")).startsWith("sha256:");
  }

  @Test
  void linkedDirectoriesBelowARootLeadNowhereOutsideIt() throws Exception {
    Path outside = Files.createDirectories(temp.resolve("outside"));
    Files.writeString(outside.resolve("leak.service"), "SECRET unit outside the root\n");
    Files.createDirectories(outside.resolve("leak"));
    Files.writeString(outside.resolve("leak/version"), "SECRET-1.0\n");
    Path root =
        FixtureHost.debian12()
            .withSymlink("/etc/systemd/system/leak.target.wants", outside.toString())
            .withSymlink("/sys/module/leak", outside.resolve("leak").toString())
            .writeTo(temp.resolve("jail"));

    Collection remote = await(remote(LocalShell.asCurrentUser()).probe(ssh(root)));

    assertSameCollection(remote, await(local(root)));
    assertThat(remote.facts().asMap().keySet()).noneMatch(key -> key.contains("leak"));
    assertThat(remote.facts().asMap().values()).noneMatch(value -> value.contains("SECRET"));
    assertThat(remote.contents().values()).noneMatch(text -> text.contains("SECRET"));
  }

  @Test
  void fifosAndDevicesAreNeverOpenedSoNothingHangs() throws Exception {
    Path root = FixtureHost.debian12().writeTo(temp.resolve("web-1"));
    mkfifo(root.resolve("etc/group"));
    mkfifo(root.resolve("etc/cron.d/pipe"));
    mkfifo(root.resolve("proc/sys/vm/pipe"));
    Files.createDirectories(root.resolve("etc/modprobe.d"));
    Files.createSymbolicLink(root.resolve("etc/modprobe.d/zero.conf"), Path.of("/dev/zero"));

    Collection remote = await(remote(LocalShell.asCurrentUser()).probe(ssh(root)));

    assertSameCollection(remote, await(local(root)));
    assertThat(remote.failedCategories()).containsKey("group");
  }

  @Test
  void aMissingRootIsReported() {
    assertFails(
        remote(LocalShell.asCurrentUser()).probe(ssh(temp.resolve("no-such-root"))),
        ProbeException.Reason.ROOT_MISSING,
        "the root directory does not exist on the target");
  }

  @Test
  void anOutputCapSmallerThanTheAnswerFailsWithOutputCap() throws Exception {
    Path root = FixtureHost.debian12().writeTo(temp.resolve("web-1"));
    RemoteProber prober =
        new RemoteProber(
            LocalShell.asCurrentUser(),
            collector,
            SETTINGS,
            new RemoteLimits(2000, 512 << 20, TIMEOUT),
            pool,
            false);

    assertFails(prober.probe(ssh(root)), ProbeException.Reason.OUTPUT_CAP, "2000-byte cap");
  }

  @Test
  void garbageFailsWithProtocol() {
    assertFails(
        remote(LocalShell.asCurrentUser().replacing("echo 'Welcome to the server!'; echo hi"))
            .probe(ssh(temp)),
        ProbeException.Reason.PROTOCOL,
        "the target's answer is not a probe answer: \"Welcome to the server!");
  }

  @Test
  void anAnswerCutShortFailsWithProtocol() throws Exception {
    Path root = FixtureHost.debian12().writeTo(temp.resolve("web-1"));
    LocalShell cut =
        LocalShell.asCurrentUser().replacing(RemoteRequest.COMMAND + " | head -c 3000");

    assertFails(
        remote(cut).probe(ssh(root)), ProbeException.Reason.PROTOCOL, "the target's answer");
  }

  @Test
  void aTargetWithoutATheScriptNeedsFailsWithProtocolNamingIt() throws Exception {
    Path root = FixtureHost.debian12().writeTo(temp.resolve("web-1"));

    assertFails(
        remote(LocalShell.asCurrentUser().withPath(toolsWithout("csplit").toString()))
            .probe(ssh(root)),
        ProbeException.Reason.PROTOCOL,
        "the target needs \"csplit\", which is missing");
    assertFails(
        remote(LocalShell.asCurrentUser().withPath(toolsWithout("gzip").toString()))
            .probe(ssh(root)),
        ProbeException.Reason.PROTOCOL,
        "the target needs \"gzip\", which is missing");
  }

  @Test
  void otherTransportsAreRefused() {
    HostSpec local = new HostSpec("web-1", Transport.LOCAL, "/", Map.of(), Duration.ofSeconds(60));

    assertFails(
        remote(LocalShell.asCurrentUser()).probe(local),
        ProbeException.Reason.TRANSPORT_UNSUPPORTED,
        "cannot probe a host of transport local");
  }

  @Test
  void withoutSudoRootOnlyFilesShowAsUnreadable() throws Exception {
    Collection remote = await(remote(LocalShell.as("driftwatch-probe")).probe(sshRoot(false)));

    assertThat(remote.facts().get("file:/etc/sudoers"))
        .isEqualTo("unreadable mode=0440 owner=root:root");
    assertThat(remote.problems()).contains("files: /etc/sudoers: permission denied");
    assertThat(remote.failedCategories()).doesNotContainKey("file");
  }

  @Test
  void withSudoRootOnlyFilesAreReadThroughTheAllowlistedCommand() throws Exception {
    Collection remote = await(remote(LocalShell.as("driftwatch-probe")).probe(sshRoot(true)));
    Collection local = await(local(Path.of("/")));

    assertThat(remote.facts().withPrefix("file:/etc/sudoers"))
        .isEqualTo(local.facts().withPrefix("file:/etc/sudoers"));
    assertThat(remote.facts().get("file:/etc/sudoers")).startsWith("sha256:");
    assertThat(remote.failedCategories()).doesNotContainKey("file");
    assertThat(remote.problems()).noneMatch(p -> p.contains("sudoers"));
  }

  @Test
  void aRefusedSudoKeepsTheFilesCategoryAndSaysWhy() throws Exception {
    Collection remote = await(remote(LocalShell.as("driftwatch-nosudo")).probe(sshRoot(true)));

    assertThat(remote.failedCategories().get("file"))
        .isEqualTo("sudo refused: sudo: a password is required");
    assertThat(remote.problems()).contains("files: sudo refused: sudo: a password is required");
    assertThat(remote.facts().get("os:id")).isNotNull();
  }

  private RemoteProber remote(LocalShell shell) {
    return new RemoteProber(shell, collector, SETTINGS, LIMITS, pool, false);
  }

  private CompletionStage<Collection> local(Path root) {
    return new LocalProber(collector, SETTINGS, pool, TIMEOUT)
        .probe(new HostSpec("web-1", Transport.LOCAL, root.toString(), Map.of(), TIMEOUT));
  }

  private static HostSpec ssh(Path root) {
    return new HostSpec("web-1", Transport.SSH, root.toString(), Map.of(), Duration.ofSeconds(60));
  }

  private static HostSpec sshRoot(boolean sudo) {
    return new HostSpec(
        "self",
        Transport.SSH,
        "/",
        Map.of(),
        Duration.ofSeconds(60),
        new SshOptions(null, null, null, null, null, null, sudo, null),
        HostSpec.API);
  }

  /** The unit numbers of the last answer that were sent because they changed. */
  private static Set<Integer> changedUnits(LocalShell shell) throws ProbeException {
    byte[] out = shell.last().stdout();
    String header = new String(out, 0, 20, StandardCharsets.UTF_8);
    int units = StandardSources.all(SETTINGS).size();
    ProbeResponse response =
        ProbeResponse.parse(
            out,
            "",
            0,
            header.substring(4),
            IntStream.range(0, units).boxed().collect(java.util.stream.Collectors.toSet()),
            1L << 30);
    Set<Integer> changed = new TreeSet<>();
    for (int unit = 0; unit < units; unit++) {
      if (response.answer(unit) instanceof ProbeResponse.Changed) {
        changed.add(unit);
      }
    }
    return changed;
  }

  private static int unit(String source) {
    List<FactSource> sources = StandardSources.all(SETTINGS);
    return IntStream.range(0, sources.size())
        .filter(i -> sources.get(i).name().equals(source))
        .findFirst()
        .orElseThrow();
  }

  /** A directory of links to every tool the probe uses but one, to serve as a PATH. */
  private Path toolsWithout(String missing) throws Exception {
    Path dir = Files.createDirectories(temp.resolve("tools-without-" + missing));
    for (String tool :
        List.of("sh", "gzip", "find", "grep", "csplit", "sha256sum", "mkdir", "rm", "readlink")) {
      if (!tool.equals(missing)) {
        Path real = Path.of("/usr/bin", tool);
        Files.createSymbolicLink(
            dir.resolve(tool), Files.exists(real) ? real : Path.of("/bin", tool));
      }
    }
    return dir;
  }

  private static void mkfifo(Path path) throws Exception {
    Files.deleteIfExists(path);
    Files.createDirectories(path.getParent());
    Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
    assertThat(mkfifo.waitFor()).isZero();
  }

  private static void assertSameCollection(Collection remote, Collection local) {
    assertThat(remote.facts()).isEqualTo(local.facts());
    assertThat(remote.contents()).isEqualTo(local.contents());
    assertThat(remote.failedCategories()).isEqualTo(local.failedCategories());
    assertThat(remote.problems()).isEqualTo(local.problems());
  }

  private static Collection await(CompletionStage<Collection> probe) throws Exception {
    return probe.toCompletableFuture().get();
  }

  private static void assertFails(
      CompletionStage<Collection> probe, ProbeException.Reason reason, String message) {
    assertThatThrownBy(() -> probe.toCompletableFuture().get())
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(ProbeException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessageContaining(message);
  }
}
