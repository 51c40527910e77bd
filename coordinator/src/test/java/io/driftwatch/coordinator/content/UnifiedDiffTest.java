package io.driftwatch.coordinator.content;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

  private static final String OLD = "a\nb\nc\nd\ne\nf\ng\nh\n";

  @Test
  void aChangedLineWithThreeLinesOfContext() {
    UnifiedDiff.Result d =
        UnifiedDiff.of("file:/x\tT1", OLD, "file:/x\tT2", OLD.replace("e\n", "E\n"), 65536);

    assertThat(d.truncated()).isFalse();
    assertThat(d.text())
        .isEqualTo(
            "--- file:/x\tT1\n+++ file:/x\tT2\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n");
  }

  @Test
  void aCreatedFileIsDiffedAgainstDevNull() {
    UnifiedDiff.Result d = UnifiedDiff.of("old", null, "new", "one\ntwo\n", 65536);

    assertThat(d.text()).isEqualTo("--- /dev/null\n+++ new\n@@ -0,0 +1,2 @@\n+one\n+two\n");
  }

  @Test
  void aRemovedFileIsDiffedToDevNull() {
    UnifiedDiff.Result d = UnifiedDiff.of("old", "one\n", "new", null, 65536);

    assertThat(d.text()).isEqualTo("--- old\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-one\n");
  }

  @Test
  void aLongDiffIsCutAtTheLimitOnALineBoundary() {
    String big = "line\n".repeat(10_000);

    UnifiedDiff.Result d = UnifiedDiff.of("old", "", "new", big, 2048);

    assertThat(d.truncated()).isTrue();
    assertThat(d.text().length()).isLessThanOrEqualTo(2048);
    assertThat(d.text()).endsWith("+line\n");
  }

  @Test
  void textsWithTheSameLinesHaveAnEmptyDiff() {
    assertThat(UnifiedDiff.of("o", "a\nb", "n", "a\r\nb\n", 1024).text()).isEmpty();
  }
}
