package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Kubernetes manifests in k8s/ against the application's own configuration, for every overlay
 * as Kustomize renders it: ports, variable names, health check paths, the labels cluster bootstrap
 * selects, RBAC, selectors, memory and writable paths. A change on either side that the other does
 * not follow fails here.
 */
class K8sManifestsTest {

  private static final Path K8S = Path.of("..", "k8s").toAbsolutePath().normalize();

  // What status.podIP stands for when a pod's environment is resolved here.
  private static final String POD_IP = "10.0.0.7";

  private static final Pattern SYSTEM_PROPERTY = Pattern.compile("-D([^=\\s]+)=(\\S+)");
  private static final Pattern MAX_RAM = Pattern.compile("-XX:MaxRAMPercentage=([0-9.]+)");

  static Stream<Path> overlays() throws IOException {
    try (Stream<Path> dirs = Files.list(K8S.resolve("overlays"))) {
      return dirs.filter(Files::isDirectory).sorted().toList().stream();
    }
  }

  @Test
  void thereAreTheTwoOverlays() throws IOException {
    assertThat(overlays().map(p -> p.getFileName().toString())).contains("embedded", "cassandra");
  }

  @Test
  void everyManifestParsesAndNamesItsKind() throws IOException {
    List<Path> files;
    try (Stream<Path> all = Files.walk(K8S)) {
      files = all.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(10);
    for (Path file : files) {
      List<JsonNode> documents = Kustomize.readAll(file);
      assertThat(documents).as(file.toString()).isNotEmpty();
      for (JsonNode doc : documents) {
        assertThat(doc.path("apiVersion").asText()).as(file + " apiVersion").isNotBlank();
        assertThat(doc.path("kind").asText()).as(file + " kind").isNotBlank();
        if (!doc.path("kind").asText().equals("Kustomization")) {
          assertThat(doc.at("/metadata/name").asText()).as(file + " metadata.name").isNotBlank();
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void containerPortsAreThePortsTheAppListensOn(Path overlay) {
    Pod pod = Pod.of(overlay);

    assertThat(pod.port("http")).isEqualTo(pod.config.getInt("driftwatch.http.port"));
    assertThat(pod.port("management")).isEqualTo(pod.config.getInt("pekko.management.http.port"));
    assertThat(pod.port("remoting"))
        .isEqualTo(pod.config.getInt("pekko.remote.artery.canonical.port"));
    // Reachable from other pods and from the Services.
    assertThat(pod.config.getString("driftwatch.http.interface")).isEqualTo("0.0.0.0");
    assertThat(pod.config.getString("pekko.management.http.hostname")).isEqualTo(POD_IP);
    assertThat(pod.config.getString("pekko.remote.artery.canonical.hostname")).isEqualTo(POD_IP);
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyDriftwatchVariableIsOneTheAppReads(Path overlay) {
    Pod pod = Pod.of(overlay);

    assertThat(pod.env.keySet()).anyMatch(name -> name.startsWith("DRIFTWATCH_"));
    for (String name : pod.env.keySet()) {
      if (name.startsWith("DRIFTWATCH_")) {
        assertThat(PodConfig.reads(name)).as("driftwatch up reads %s", name).isTrue();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void theSettingsAreValidForTheNode(Path overlay) {
    Pod pod = Pod.of(overlay);
    // The token file is a mounted Secret, read at start; everything else is read as up reads it.
    NodeSettings settings =
        NodeSettings.fromConfig(
            pod.config.withValue(
                "driftwatch.http.token-file",
                com.typesafe.config.ConfigValueFactory.fromAnyRef("")));

    assertThat(settings.store()).isIn(NodeSettings.EMBEDDED, NodeSettings.CASSANDRA);
    assertThat(ManagementSettings.fromConfig(pod.config).bootstrap()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void probesUseTheManagementHealthCheckPaths(Path overlay) {
    Pod pod = Pod.of(overlay);
    Config health = pod.config.getConfig("pekko.management.health-checks");
    String base = pod.config.getString("pekko.management.http.base-path");
    String prefix = base.isEmpty() ? "/" : "/" + base + "/";

    for (String probe : List.of("livenessProbe", "startupProbe", "readinessProbe")) {
      JsonNode get = pod.container.path(probe).path("httpGet");
      assertThat(get.path("port").asText()).as(probe).isEqualTo("management");
      String path = probe.equals("readinessProbe") ? "readiness-path" : "liveness-path";
      assertThat(get.path("path").asText()).as(probe).isEqualTo(prefix + health.getString(path));
    }
    long checkTimeout = health.getDuration("check-timeout").toSeconds();
    for (String probe : List.of("livenessProbe", "readinessProbe")) {
      assertThat(pod.container.path(probe).path("timeoutSeconds").asLong())
          .as("%s outlasts the checks' own timeout", probe)
          .isGreaterThan(checkTimeout);
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void podsCarryTheLabelsClusterBootstrapSelects(Path overlay) {
    Pod pod = Pod.of(overlay);
    Config discovery =
        pod.config.getConfig("pekko.management.cluster.bootstrap.contact-point-discovery");

    assertThat(discovery.getString("discovery-method")).isEqualTo("kubernetes-api");
    String selector =
        pod.config
            .getString("pekko.discovery.kubernetes-api.pod-label-selector")
            .formatted(discovery.getString("service-name"));
    assertThat(pod.labels()).containsAllEntriesOf(labels(selector));
    assertThat(pod.port(discovery.getString("port-name")))
        .as("the port bootstrap probes")
        .isEqualTo(pod.config.getInt("pekko.management.http.port"));
    assertThat(discovery.getInt("required-contact-point-nr"))
        .as("a new cluster needs no more members than there are")
        .isBetween(1, pod.replicas());
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void theMembersRunAsTheServiceAccountTheRoleBindingBinds(Path overlay) {
    Rendered rendered = Rendered.of(overlay);
    Pod pod = Pod.of(overlay);
    String account = pod.spec.path("serviceAccountName").asText();

    assertThat(rendered.named("ServiceAccount", account)).isNotNull();
    JsonNode binding = rendered.one("RoleBinding");
    assertThat(binding.path("subjects"))
        .anySatisfy(
            s -> {
              assertThat(s.path("kind").asText()).isEqualTo("ServiceAccount");
              assertThat(s.path("name").asText()).isEqualTo(account);
            });
    assertThat(binding.at("/roleRef/kind").asText()).isEqualTo("Role");
    JsonNode role = rendered.named("Role", binding.at("/roleRef/name").asText());
    assertThat(role.path("rules"))
        .anySatisfy(
            rule -> {
              assertThat(texts(rule.path("apiGroups"))).contains("");
              assertThat(texts(rule.path("resources"))).contains("pods");
              assertThat(texts(rule.path("verbs"))).contains("get", "watch", "list");
            });
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everySelectorMatchesTheMembers(Path overlay) {
    Rendered rendered = Rendered.of(overlay);
    Pod pod = Pod.of(overlay);

    assertThat(pod.labels())
        .containsAllEntriesOf(map(rendered.one("PodDisruptionBudget").at("/spec/selector")));
    assertThat(pod.labels()).containsAllEntriesOf(map(pod.statefulSet.at("/spec/selector")));
    List<JsonNode> services = rendered.all("Service");
    assertThat(services).hasSize(2);
    for (JsonNode service : services) {
      assertThat(pod.labels()).containsAllEntriesOf(map(service.at("/spec/selector")));
      for (JsonNode port : service.at("/spec/ports")) {
        assertThat(port.path("port").asInt())
            .as("service %s port", service.at("/metadata/name").asText())
            .isEqualTo(pod.port(port.path("targetPort").asText()));
      }
    }
    JsonNode governing =
        rendered.named("Service", pod.statefulSet.at("/spec/serviceName").asText());
    assertThat(governing.at("/spec/clusterIP").asText()).isEqualTo("None");
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void anEmbeddedStoreRunsAsOneMember(Path overlay) {
    Pod pod = Pod.of(overlay);
    if (pod.config.getString("driftwatch.store").equals(NodeSettings.EMBEDDED)) {
      assertThat(pod.replicas()).isEqualTo(1);
    } else {
      assertThat(pod.replicas()).as("a majority survives one member leaving").isGreaterThan(2);
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void theHeapFitsTheMemoryLimit(Path overlay) {
    Pod pod = Pod.of(overlay);
    long limit = bytes(pod.container.at("/resources/limits/memory").asText());
    long request = bytes(pod.container.at("/resources/requests/memory").asText());
    Matcher ram = MAX_RAM.matcher(pod.env.get("JDK_JAVA_OPTIONS"));

    assertThat(request).isEqualTo(limit);
    assertThat(ram.find()).as("-XX:MaxRAMPercentage in JDK_JAVA_OPTIONS").isTrue();
    double percent = Double.parseDouble(ram.group(1));
    assertThat(percent).as("room outside the heap").isBetween(40.0, 75.0);
    assertThat((long) (limit * percent / 100)).as("heap").isGreaterThanOrEqualTo(512L << 20);
    assertThat(pod.container.at("/resources/requests/cpu").isMissingNode()).isFalse();
    assertThat(pod.container.at("/resources/limits/cpu").isMissingNode()).isFalse();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void theNodeWritesOnlyToVolumesAndReadsSecretsReadOnly(Path overlay) {
    Pod pod = Pod.of(overlay);
    assertThat(pod.spec.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(pod.container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();

    Map<String, String> properties = new HashMap<>();
    Matcher m = SYSTEM_PROPERTY.matcher(pod.env.get("JDK_JAVA_OPTIONS"));
    while (m.find()) {
      properties.put(m.group(1), m.group(2));
    }
    assertThat(pod.mountFor(pod.config.getString("driftwatch.data-dir"), false)).isEqualTo("data");
    // sqlite-jdbc extracts its native library into one of these at start.
    assertThat(pod.mountFor(properties.get("java.io.tmpdir"), false)).isNotNull();
    assertThat(pod.mountFor(properties.get("org.sqlite.tmpdir"), false)).isNotNull();

    for (String file :
        List.of(
            pod.config.getString("driftwatch.ssh.identity"),
            pod.config.getString("driftwatch.ssh.known-hosts"),
            pod.config.getString("driftwatch.http.token-file"))) {
      String volume = pod.mountFor(file, true);
      assertThat(volume).as("a read-only Secret holds %s", file).isNotNull();
      assertThat(pod.volume(volume).path("secret").isObject()).as(volume).isTrue();
    }
    assertThat(pod.config.getString("driftwatch.ssh.host-key-policy"))
        .as("accept-new would write to the read-only known_hosts")
        .isEqualTo("strict");

    JsonNode claim = pod.statefulSet.at("/spec/volumeClaimTemplates/0");
    assertThat(claim.at("/metadata/name").asText()).isEqualTo("data");
    assertThat(bytes(claim.at("/spec/resources/requests/storage").asText()))
        .as("room for a full spool")
        .isGreaterThan(pod.config.getBytes("driftwatch.spool.max-bytes"));
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void theImageRunsAsThePodsUserAndExposesItsPorts(Path overlay) throws IOException {
    Pod pod = Pod.of(overlay);
    List<String> lines = Files.readAllLines(K8S.resolve("Dockerfile"));

    assertThat(lines)
        .contains(
            "USER "
                + pod.spec.at("/securityContext/runAsUser").asInt()
                + ":"
                + pod.spec.at("/securityContext/runAsGroup").asInt());
    assertThat(lines)
        .contains(
            "EXPOSE %d %d %d"
                .formatted(pod.port("http"), pod.port("management"), pod.port("remoting")));
    assertThat(lines).anyMatch(line -> line.startsWith("FROM ") && line.contains("17"));
    assertThat(pod.container.path("args").get(0).asText()).isEqualTo("up");
  }

  /** "a=b,c=d" as a map. */
  private static Map<String, String> labels(String selector) {
    Map<String, String> labels = new TreeMap<>();
    for (String part : selector.split(",")) {
      String[] kv = part.split("=", 2);
      labels.put(kv[0].strip(), kv[1].strip());
    }
    return labels;
  }

  private static Map<String, String> map(JsonNode selector) {
    assertThat(selector.has("matchExpressions")).isFalse();
    JsonNode labels = selector.has("matchLabels") ? selector.get("matchLabels") : selector;
    assertThat(labels.size()).as("selector %s", selector).isPositive();
    Map<String, String> map = new TreeMap<>();
    labels.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }

  /** A Kubernetes quantity of bytes: 512Mi, 2Gi, 1G, 1000. */
  static long bytes(String quantity) {
    Matcher m = Pattern.compile("([0-9]+)(Ki|Mi|Gi|Ti|k|M|G|T)?").matcher(quantity);
    assertThat(m.matches()).as("quantity %s", quantity).isTrue();
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "" : m.group(2);
    return switch (unit) {
      case "Ki" -> n << 10;
      case "Mi" -> n << 20;
      case "Gi" -> n << 30;
      case "Ti" -> n << 40;
      case "k" -> n * 1_000L;
      case "M" -> n * 1_000_000L;
      case "G" -> n * 1_000_000_000L;
      case "T" -> n * 1_000_000_000_000L;
      default -> n;
    };
  }

  /** An overlay's rendered resources. */
  private record Rendered(List<ObjectNode> resources) {

    static Rendered of(Path overlay) {
      return new Rendered(Kustomize.render(overlay));
    }

    List<JsonNode> all(String kind) {
      return resources.stream()
          .filter(r -> r.path("kind").asText().equals(kind))
          .map(JsonNode.class::cast)
          .toList();
    }

    JsonNode one(String kind) {
      List<JsonNode> all = all(kind);
      assertThat(all).as(kind).hasSize(1);
      return all.get(0);
    }

    JsonNode named(String kind, String name) {
      return all(kind).stream()
          .filter(r -> r.at("/metadata/name").asText().equals(name))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
    }
  }

  /** The member pod an overlay runs: its template, its environment and the app config it gets. */
  private static final class Pod {
    final JsonNode statefulSet;
    final JsonNode spec;
    final JsonNode container;
    final Map<String, String> env;
    final Config config;

    private Pod(Rendered rendered) {
      statefulSet = rendered.one("StatefulSet");
      spec = statefulSet.at("/spec/template/spec");
      assertThat(spec.path("containers")).hasSize(1);
      container = spec.path("containers").get(0);
      env = environment(rendered, container);
      config = PodConfig.resolve(env);
    }

    static Pod of(Path overlay) {
      return new Pod(Rendered.of(overlay));
    }

    /** The container's variables: its ConfigMaps, then its own env (which wins). */
    private static Map<String, String> environment(Rendered rendered, JsonNode container) {
      Map<String, String> env = new TreeMap<>();
      for (JsonNode source : container.path("envFrom")) {
        JsonNode data =
            rendered.named("ConfigMap", source.at("/configMapRef/name").asText()).path("data");
        data.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
      }
      for (JsonNode var : container.path("env")) {
        String name = var.path("name").asText();
        if (var.has("value")) {
          env.put(name, var.get("value").asText());
        } else {
          assertThat(var.at("/valueFrom/fieldRef/fieldPath").asText())
              .as(name)
              .isEqualTo("status.podIP");
          env.put(name, POD_IP);
        }
      }
      return env;
    }

    Map<String, String> labels() {
      return map(statefulSet.at("/spec/template/metadata/labels"));
    }

    int replicas() {
      return statefulSet.at("/spec/replicas").asInt();
    }

    int port(String name) {
      for (JsonNode port : container.path("ports")) {
        if (port.path("name").asText().equals(name)) {
          return port.path("containerPort").asInt();
        }
      }
      throw new AssertionError("no container port named " + name);
    }

    JsonNode volume(String name) {
      for (JsonNode volume : spec.path("volumes")) {
        if (volume.path("name").asText().equals(name)) {
          return volume;
        }
      }
      throw new AssertionError("no volume named " + name);
    }

    /**
     * The volume mounted at or above {@code path} with the given read-only flag, or null; the data
     * volume comes from the claim template rather than the pod's volumes.
     */
    String mountFor(String path, boolean readOnly) {
      assertThat(path).as("a path").isNotBlank();
      Optional<JsonNode> mount = Optional.empty();
      for (JsonNode m : container.path("volumeMounts")) {
        String at = m.path("mountPath").asText();
        if (path.equals(at) || path.startsWith(at.endsWith("/") ? at : at + "/")) {
          mount = Optional.of(m);
        }
      }
      return mount
          .filter(m -> m.path("readOnly").asBoolean(false) == readOnly)
          .map(m -> m.path("name").asText())
          .orElse(null);
    }
  }
}
