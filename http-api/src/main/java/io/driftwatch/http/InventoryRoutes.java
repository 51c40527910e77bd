package io.driftwatch.http;

import io.driftwatch.coordinator.inventory.InventoryFormat;
import io.driftwatch.coordinator.inventory.InventoryImporter;
import io.driftwatch.coordinator.inventory.InventoryPlan;
import java.time.Duration;
import java.util.Optional;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * {@code POST /v1/inventory?format=driftwatch|ansible-ini|ansible-yaml[&name=][&dryRun=]}: the
 * inventory file is the body; its hosts replace what that inventory registered before.
 */
final class InventoryRoutes extends AllDirectives {

  /** Registering tens of thousands of hosts takes longer than Pekko's default request timeout. */
  private static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(5);

  private final InventoryImporter imports;
  private final Json json;
  private final Duration defaultInterval;
  private final BodySizeLimit bodyLimit = new BodySizeLimit(InventoryFormat.MAX_CHARS);

  InventoryRoutes(InventoryImporter imports, Json json, Duration defaultInterval) {
    this.imports = imports;
    this.json = json;
    this.defaultInterval = defaultInterval;
  }

  Route routes() {
    return path(
        "inventory",
        () ->
            post(
                () ->
                    parameterOptional(
                        "format",
                        format ->
                            parameterOptional(
                                "name",
                                name ->
                                    parameterOptional(
                                        "dryRun", dryRun -> upload(format, name, dryRun))))));
  }

  private Route upload(Optional<String> format, Optional<String> name, Optional<String> dryRun) {
    String inventory = name.orElse(InventoryPlan.DEFAULT);
    InventoryPlan.owner(inventory);
    boolean dry = Params.flag("dryRun", dryRun);
    Optional<InventoryFormat> given = format.map(InventoryFormat::parse);
    // Bytes, checked before and while the body streams in; the parsers check characters again.
    return withRequestTimeout(
        IMPORT_TIMEOUT,
        () ->
            bodyLimit.apply(
                () ->
                    entity(
                        Unmarshaller.entityToString(),
                        body -> {
                          if (body.isBlank()) {
                            // Most likely a client that sent no body: it would remove every host.
                            throw new IllegalArgumentException(
                                "the request body is empty: send the inventory file (to remove"
                                    + " all of an inventory's hosts, send one that lists none,"
                                    + " such as a comment line)");
                          }
                          InventoryFormat f =
                              given.orElseGet(() -> InventoryFormat.detect(null, body));
                          return onSuccess(
                              imports.apply(inventory, f.read(body, defaultInterval), dry),
                              plan ->
                                  completeOK(Wire.ImportOutcome.of(plan, dry), json.marshaller()));
                        })));
  }
}
