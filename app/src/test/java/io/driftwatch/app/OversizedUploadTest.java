package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.coordinator.inventory.InventoryFormat;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An inventory upload declared over the size limit gets its JSON 413, whatever the client does: one
 * that asks first ({@code Expect: 100-continue}, as curl does for a large body) gets it instead of
 * "100 Continue" and never sends the body; one that sends the body at once reads the 413, not a
 * reset connection, and can go on using the connection. Each test has a fresh {@code driftwatch up}
 * process: a node's first requests are where the 413 lost its race with the connection closing most
 * often.
 */
class OversizedUploadTest {

  private static final String PATH = "/v1/inventory?format=ansible-ini&name=big";
  private static final int TOO_LARGE = InventoryFormat.MAX_CHARS + 1;

  @TempDir Path tmp;
  private DriftwatchProcess node;

  @BeforeEach
  void start() {
    node =
        DriftwatchProcess.start(
            List.of("-Xmx256m"),
            Map.of("DRIFTWATCH_DATA", tmp.toString(), "DRIFTWATCH_CLUSTER_PORT", "0"),
            "up",
            "--port",
            "0");
    node.awaitServing();
  }

  @AfterEach
  void stop() throws InterruptedException {
    node.close();
  }

  @Test
  void aClientAskingFirstGetsThe413InsteadOfContinueAndSendsNoBody() throws Exception {
    URI url = URI.create(node.url());
    try (Socket socket = new Socket(url.getHost(), url.getPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST "
                  + PATH
                  + " HTTP/1.1\r\nHost: "
                  + url.getAuthority()
                  + "\r\nContent-Type: text/plain\r\nContent-Length: "
                  + TOO_LARGE
                  + "\r\nExpect: 100-continue\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      // Everything until the server closes the connection; a reset or a wait for a body that
      // never comes fails here.
      String answer = readToEnd(socket.getInputStream());
      assertThat(answer)
          .startsWith("HTTP/1.1 413 ")
          .doesNotContain("100 Continue")
          .contains("Content-Type: application/json")
          .contains("\"detail\":\"the request body is larger than " + InventoryFormat.MAX_CHARS);
    }
    assertThat(new Api(node.url()).get("/v1/health").status()).isEqualTo(200);
  }

  @Test
  void theRefusedBodyIsReadSoTheConnectionEndsCleanly() throws Exception {
    URI url = URI.create(node.url());
    try (Socket socket = new Socket(url.getHost(), url.getPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      // Closing with bytes of the body unread would reset the connection under the client's feet:
      // the body goes out whole, then a second request on the same connection.
      out.write(
          ("POST "
                  + PATH
                  + " HTTP/1.1\r\nHost: "
                  + url.getAuthority()
                  + "\r\nContent-Type: text/plain\r\nContent-Length: "
                  + TOO_LARGE
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write("#".repeat(TOO_LARGE).getBytes(StandardCharsets.US_ASCII));
      out.write(
          ("GET /v1/health HTTP/1.1\r\nHost: "
                  + url.getAuthority()
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String answers = readToEnd(socket.getInputStream());
      assertThat(answers).startsWith("HTTP/1.1 413 ").contains("larger than");
      assertThat(answers.substring(answers.indexOf("larger than"))).contains("HTTP/1.1 200 OK");
    }
  }

  @Test
  void aClientSendingTheBodyAtOnceReadsThe413EveryTime() {
    Api api = new Api(node.url());
    String body = "#".repeat(TOO_LARGE);
    for (int i = 0; i < 20; i++) {
      Api.Response r = api.post(PATH, body, "text/plain; charset=utf-8");
      assertThat(r.status()).as("upload %d: %s", i, r.body()).isEqualTo(413);
      assertThat(r.json().get("detail").asText()).contains("larger than");
    }
    assertThat(api.get("/v1/health").status()).isEqualTo(200);
  }

  private static String readToEnd(InputStream in) throws Exception {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    return all.toString(StandardCharsets.UTF_8);
  }
}
