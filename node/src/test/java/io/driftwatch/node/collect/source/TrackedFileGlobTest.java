package io.driftwatch.node.collect.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.node.collect.LocalHostFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackedFileGlobTest {

  @TempDir Path root;

  @Test
  void expandsSegmentBySegmentInNameOrder() throws IOException {
    for (String file :
        new String[] {"etc/b/x.conf", "etc/a/y.conf", "etc/a/x.conf", "etc/a/x.txt"}) {
      Files.createDirectories(root.resolve(file).getParent());
      Files.writeString(root.resolve(file), "");
    }
    LocalHostFiles files = new LocalHostFiles(root, 1024);

    assertThat(TrackedFileGlob.of("/etc/*/?.conf").expand(files))
        .containsExactly("/etc/a/x.conf", "/etc/a/y.conf", "/etc/b/x.conf");
    assertThat(TrackedFileGlob.of("/etc/[!a]/*").expand(files)).containsExactly("/etc/b/x.conf");
    assertThat(TrackedFileGlob.of("//etc//a/x.txt").expand(files)).containsExactly("/etc/a/x.txt");
    assertThat(TrackedFileGlob.of("/missing/*").expand(files)).isEmpty();
  }
}
