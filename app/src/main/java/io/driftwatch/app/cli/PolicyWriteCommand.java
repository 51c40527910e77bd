package io.driftwatch.app.cli;

import picocli.CommandLine.Option;

/**
 * A command that changes a drift policy: sends who makes the change ({@code --user}, else {@code
 * DRIFTWATCH_USER}, else the login name), which the server keeps in the policy's history.
 */
abstract class PolicyWriteCommand extends ClientCommand {

  @Option(
      names = "--user",
      description = "Who makes the change, kept in history (default: $DRIFTWATCH_USER or login).")
  String user;

  @Override
  protected final int run(ApiClient api) {
    return write(api.as(who()));
  }

  /** Sends the change as the user. */
  protected abstract int write(ApiClient api);

  private String who() {
    if (user != null && !user.isBlank()) {
      return user;
    }
    String env = System.getenv("DRIFTWATCH_USER");
    if (env != null && !env.isBlank()) {
      return env;
    }
    String login = System.getProperty("user.name");
    return login == null || login.isBlank() ? "anonymous" : login;
  }
}
