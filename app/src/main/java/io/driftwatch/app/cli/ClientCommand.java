package io.driftwatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every API client command shares: {@code --server}, {@code --json}, {@code --no-color}, and
 * the mapping of failures to exit codes (2 = the server refused, 3 = no server).
 */
public abstract class ClientCommand implements Callable<Integer> {

  public static final int EXIT_OK = 0;
  public static final int EXIT_DIFFERENCES = 1;
  public static final int EXIT_ERROR = 2;
  public static final int EXIT_UNREACHABLE = 3;

  private static final ObjectMapper PRETTY =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Spec CommandSpec spec;

  @Option(
      names = "--server",
      defaultValue = "${env:DRIFTWATCH_SERVER:-http://127.0.0.1:8080}",
      description = "URL of a Driftwatch node (default ${DEFAULT-VALUE}; env DRIFTWATCH_SERVER).")
  String server;

  @Option(
      names = "--token-file",
      defaultValue = "${env:DRIFTWATCH_API_TOKEN_FILE}",
      description =
          "File holding the API token (env DRIFTWATCH_API_TOKEN_FILE, or the token itself in"
              + " DRIFTWATCH_API_TOKEN).")
  Path tokenFile;

  @Option(names = "--json", description = "Print the API's JSON answer instead of a table.")
  boolean json;

  @Option(names = "--no-color", description = "No terminal colours (also: NO_COLOR set).")
  boolean noColor;

  @Override
  public final Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      return run(new ApiClient(server, token()));
    } catch (ApiClient.ApiError e) {
      err.println("driftwatch: " + e.getMessage());
      return EXIT_ERROR;
    } catch (ApiClient.Unreachable e) {
      err.println("driftwatch: " + e.getMessage());
      return EXIT_UNREACHABLE;
    } finally {
      out().flush();
      err.flush();
    }
  }

  private Optional<String> token() {
    if (tokenFile != null) {
      try {
        return Optional.of(Files.readString(tokenFile).strip());
      } catch (IOException e) {
        throw new ApiClient.Unreachable("cannot read the token file " + tokenFile + ": " + e);
      }
    }
    String env = System.getenv("DRIFTWATCH_API_TOKEN");
    return env == null || env.isBlank() ? Optional.empty() : Optional.of(env.strip());
  }

  /** Does the command's work and returns its exit code. */
  protected abstract int run(ApiClient api);

  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }

  protected Style style() {
    return Style.detect(noColor);
  }

  protected boolean json() {
    return json;
  }

  /** Prints a JSON answer as the API sent it, indented. */
  protected void printJson(JsonNode node) {
    try {
      out().println(PRETTY.writeValueAsString(node));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      out().println(node.toString());
    }
  }

  /** A time from the API shown to a human: ISO-8601 to the second. */
  protected static String time(JsonNode t) {
    if (t == null || t.isNull()) {
      return "-";
    }
    String s = t.asText();
    int dot = s.indexOf('.');
    return (dot > 0 ? s.substring(0, dot) + "Z" : s).replace('T', ' ');
  }

  /** "1 change", "2 changes". */
  protected static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** A fact value for display: absent values are shown, not blank. */
  protected static String value(JsonNode v) {
    return v == null || v.isNull() ? "(absent)" : v.asText();
  }
}
