package io.driftwatch.app;

import io.driftwatch.app.cli.BaselineCommand;
import io.driftwatch.app.cli.ChangesCommand;
import io.driftwatch.app.cli.ClientCommand;
import io.driftwatch.app.cli.DiffCommand;
import io.driftwatch.app.cli.DriftCommand;
import io.driftwatch.app.cli.EventCommand;
import io.driftwatch.app.cli.EventsCommand;
import io.driftwatch.app.cli.ExceptCommand;
import io.driftwatch.app.cli.ExceptionsCommand;
import io.driftwatch.app.cli.ExpectCommand;
import io.driftwatch.app.cli.FactsCommand;
import io.driftwatch.app.cli.FleetDiffCommand;
import io.driftwatch.app.cli.HostsCommand;
import io.driftwatch.app.cli.ImportCommand;
import io.driftwatch.app.cli.PoliciesCommand;
import io.driftwatch.app.cli.ProbeCommand;
import io.driftwatch.app.cli.RegisterCommand;
import io.driftwatch.app.cli.RemoveCommand;
import io.driftwatch.app.cli.WatchCommand;
import io.driftwatch.http.Version;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code driftwatch} executable: {@code up} runs a node, the other commands are clients of a
 * node's HTTP API. Exit codes: 0 ok, 1 differences found (diff), 2 error, 3 server unreachable.
 */
@Command(
    name = "driftwatch",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Configuration-drift monitor: what is different, what changed, when.",
    subcommands = {
      UpCommand.class,
      DemoCommand.class,
      MigrateCommand.class,
      RegisterCommand.class,
      HostsCommand.class,
      ProbeCommand.class,
      FactsCommand.class,
      ChangesCommand.class,
      DiffCommand.class,
      FleetDiffCommand.class,
      DriftCommand.class,
      RemoveCommand.class,
      ImportCommand.class,
      ExpectCommand.class,
      ExceptCommand.class,
      ExceptionsCommand.class,
      BaselineCommand.class,
      PoliciesCommand.class,
      EventCommand.class,
      EventsCommand.class,
      WatchCommand.class
    })
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs a command with the given output streams and returns its exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("driftwatch: error: " + message(e));
          return ClientCommand.EXIT_ERROR;
        });
    return cli.execute(args);
  }

  private static String message(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** Prints the running version. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"driftwatch " + Version.current()};
    }
  }
}
