package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a token configured, the API answers only clients that present it; health and metrics stay
 * open.
 */
class AuthTest {

  @TempDir Path tmp;

  @Test
  void aConfiguredTokenIsRequiredEverywhereButHealthAndMetrics() throws Exception {
    Path tokenFile = tmp.resolve("token");
    Files.writeString(tokenFile, "s3cret-token\n");
    DriftwatchNode node =
        DriftwatchNode.start(
            TestNode.config(
                tmp.resolve("data"), Map.of("driftwatch.http.token-file", tokenFile.toString())));
    try {
      HttpClient http = HttpClient.newHttpClient();
      assertThat(status(http, node.url() + "/v1/health", null)).isEqualTo(200);
      assertThat(status(http, node.url() + "/metrics", null)).isEqualTo(200);
      assertThat(status(http, node.url() + "/v1/hosts", null)).isEqualTo(401);
      assertThat(status(http, node.url() + "/v1/hosts", "wrong")).isEqualTo(401);
      assertThat(status(http, node.url() + "/v1/hosts", "s3cret-token")).isEqualTo(200);
      assertThat(status(http, node.url() + "/v1/fleet/diff", null)).isEqualTo(401);
      assertThat(status(http, node.url() + "/v1/changes", null)).isEqualTo(401);
      HttpResponse<String> denied =
          http.send(
              HttpRequest.newBuilder(URI.create(node.url() + "/v1/diff?left=a&right=b")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(denied.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(denied.body()).contains("\"error\"").doesNotContain("s3cret");

      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int withToken =
          Main.run(
              new String[] {"hosts", "--server", node.url(), "--token-file", tokenFile.toString()},
              new PrintWriter(out, true),
              new PrintWriter(err, true));
      assertThat(withToken).as(err.toString()).isZero();
      int without =
          Main.run(
              new String[] {"hosts", "--server", node.url()},
              new PrintWriter(out, true),
              new PrintWriter(err, true));
      assertThat(without).isEqualTo(2);
      assertThat(err.toString()).contains("unauthorized");
    } finally {
      node.stop();
    }
  }

  private static int status(HttpClient http, String url, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
