package io.driftwatch.node.collect.source;

import static io.driftwatch.node.testing.FixtureFiles.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.node.collect.SourceResult;
import io.driftwatch.node.testing.DirectoryHostFiles;
import io.driftwatch.node.testing.FixtureHost;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersSourceTest {

  @TempDir Path root;

  @Test
  void parsesRealPasswdAndGroupFiles() {
    SourceResult result = UsersSource.parse(text("users/passwd"), text("users/group"));

    assertThat(result.facts())
        .containsEntry("user:root", "uid=0 gid=0 home=/root shell=/bin/bash")
        .containsEntry("user:postgres", "uid=101 gid=104 home=/var/lib/postgresql shell=/bin/bash")
        .containsEntry(
            "user:nobody", "uid=65534 gid=65534 home=/nonexistent shell=/usr/sbin/nologin")
        .containsEntry("group:root", "gid=0 members=")
        .containsEntry("group:ssl-cert", "gid=103 members=postgres");
    assertThat(result.facts().keySet().stream().filter(k -> k.startsWith("user:"))).hasSize(24);
    assertThat(result.facts().keySet().stream().filter(k -> k.startsWith("group:"))).hasSize(47);
    assertThat(result.complete()).isTrue();
    assertThat(result.problems()).isEmpty();
  }

  @Test
  void skipsMalformedPasswdLinesAndNisEntries() {
    SourceResult result = UsersSource.parse(text("users/passwd-malformed"), null);

    assertThat(result.facts())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "user:root", "uid=0 gid=0 home=/root shell=/bin/bash",
                "user:daemon", "uid=1 gid=1 home=/usr/sbin shell=/usr/sbin/nologin",
                "user:deploy", "uid=1005 gid=1005 home=/home/deploy shell=/bin/bash"));
    assertThat(result.complete()).isTrue();
    assertThat(result.problems())
        .containsExactly(
            "/etc/passwd line 7: expected 7 fields, found 3, skipped",
            "/etc/passwd line 8: id is not a number, skipped",
            "/etc/passwd line 10: duplicate user \"root\" (the first entry wins), skipped",
            "/etc/passwd line 11: invalid name, skipped",
            "/etc/passwd line 12: expected 7 fields, found 8, skipped");
  }

  @Test
  void groupMembersAreSortedAndUnique() {
    SourceResult result = UsersSource.parse(null, text("users/group-malformed"));

    assertThat(result.facts())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "group:root", "gid=0 members=",
                "group:sudo", "gid=27 members=alice,bob,carol",
                "group:docker", "gid=998 members=",
                "group:adm", "gid=4 members=alice,syslog"));
    assertThat(result.problems())
        .containsExactly(
            "/etc/group line 4: expected 4 fields, found 3, skipped",
            "/etc/group line 5: id is not a number, skipped");
  }

  @Test
  void fileCutMidLineIsIncomplete() {
    SourceResult result = UsersSource.parse(text("users/passwd-truncated"), null);

    assertThat(result.complete()).isFalse();
    assertThat(result.facts()).containsOnlyKeys("user:root", "user:daemon");
    assertThat(result.problems()).singleElement().asString().contains("cut short");
  }

  @Test
  void windowsLineEndsAndAMissingFinalNewlineAreAccepted() {
    SourceResult result = UsersSource.parse(text("users/passwd-crlf-no-final-newline"), null);

    assertThat(result.complete()).isTrue();
    assertThat(result.facts())
        .containsEntry("user:root", "uid=0 gid=0 home=/root shell=/bin/bash")
        .containsEntry("user:deploy", "uid=1005 gid=1005 home=/home/deploy shell=/bin/bash");
  }

  @Test
  void emptyOrBinaryFilesAreIncomplete() {
    assertThat(UsersSource.parse("", null).complete()).isFalse();
    SourceResult junk = UsersSource.parse("\u0000\u0001\u0002:\u0003\n\uFFFD\uFFFD\n", "\u0000\n");
    assertThat(junk.complete()).isFalse();
    assertThat(junk.facts()).isEmpty();
  }

  @Test
  void missingFilesGiveNoFacts() {
    SourceResult result = UsersSource.parse(null, null);

    assertThat(result.facts()).isEmpty();
    assertThat(result.complete()).isTrue();
  }

  @Test
  void collectReadsEtcFiles() throws Exception {
    FixtureHost.debian12()
        .withUser("deploy", 1005, 1005, "/home/deploy", "/bin/bash")
        .writeTo(root);

    SourceResult result = new UsersSource().collect(DirectoryHostFiles.context(root));

    assertThat(result.facts())
        .containsEntry("user:deploy", "uid=1005 gid=1005 home=/home/deploy shell=/bin/bash")
        .containsEntry("user:sshd", "uid=101 gid=65534 home=/run/sshd shell=/usr/sbin/nologin")
        .containsEntry("group:sudo", "gid=27 members=admin");
    assertThat(result.problems()).isEmpty();
  }
}
