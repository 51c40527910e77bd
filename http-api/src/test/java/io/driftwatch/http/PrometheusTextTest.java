package io.driftwatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Prometheus' text format, exactly as scrapers parse it. */
class PrometheusTextTest {

  @Test
  void metricsHaveHelpAndTypeThenTheirSamples() {
    String text =
        new PrometheusText()
            .metric("driftwatch_hosts", "gauge", "Monitored hosts, by status.")
            .sample("driftwatch_hosts", "status", "ok", 3)
            .sample("driftwatch_hosts", "status", "pending", 0)
            .metric("driftwatch_spool_oldest_seconds", "gauge", "Oldest record's wait.")
            .sample("driftwatch_spool_oldest_seconds", 12.5)
            .text();

    assertThat(text)
        .isEqualTo(
            """
            # HELP driftwatch_hosts Monitored hosts, by status.
            # TYPE driftwatch_hosts gauge
            driftwatch_hosts{status="ok"} 3
            driftwatch_hosts{status="pending"} 0
            # HELP driftwatch_spool_oldest_seconds Oldest record's wait.
            # TYPE driftwatch_spool_oldest_seconds gauge
            driftwatch_spool_oldest_seconds 12.5
            """);
  }

  @Test
  void helpTextAndLabelValuesAreEscaped() {
    String text =
        new PrometheusText()
            .metric("m", "counter", "a \\ b\nc")
            .sample("m", "l", "say \"hi\"\\\n", 1)
            .text();

    assertThat(text)
        .contains("# HELP m a \\\\ b\\nc\n")
        .contains("m{l=\"say \\\"hi\\\"\\\\\\n\"} 1\n");
  }

  @Test
  void specialValuesUseTheFormatsSpelling() {
    String text =
        new PrometheusText()
            .sample("a", Double.NaN)
            .sample("b", Double.POSITIVE_INFINITY)
            .sample("c", Double.NEGATIVE_INFINITY)
            .sample("d", 1e20)
            .text();

    assertThat(text).isEqualTo("a NaN\nb +Inf\nc -Inf\nd 1.0E20\n");
  }
}
