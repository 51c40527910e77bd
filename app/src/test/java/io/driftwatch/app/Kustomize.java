package io.driftwatch.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of Kustomize that k8s/ uses, so tests can check the manifests an overlay renders without
 * a kustomize binary: {@code resources} (files and directories with a kustomization.yaml) and
 * {@code patches} by {@code path} (strategic merge patches naming their target by kind and name)
 * and {@code images} (what {@code kustomize edit set image} writes). Any other kustomization field
 * fails the render, so using one means extending this first.
 */
final class Kustomize {

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static final Set<String> FIELDS =
      Set.of("apiVersion", "kind", "resources", "patches", "images");

  // Lists merged element by element on these keys, as Kubernetes' strategic merge patch does for
  // the fields used here; any other list in a patch replaces the original.
  private static final Map<String, String> MERGE_KEYS =
      Map.of(
          "containers", "name",
          "initContainers", "name",
          "env", "name",
          "volumes", "name",
          "volumeMounts", "mountPath",
          "ports", "containerPort");

  private Kustomize() {}

  /** The resources the kustomization in {@code dir} renders, in order. */
  static List<ObjectNode> render(Path dir) {
    ObjectNode kustomization = (ObjectNode) readAll(dir.resolve("kustomization.yaml")).get(0);
    kustomization
        .fieldNames()
        .forEachRemaining(
            field -> {
              if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException(
                    dir + ": kustomization field '" + field + "' is not supported by this test");
              }
            });
    List<ObjectNode> resources = new ArrayList<>();
    for (JsonNode entry : kustomization.path("resources")) {
      Path resource = dir.resolve(entry.asText()).normalize();
      if (Files.isDirectory(resource)) {
        resources.addAll(render(resource));
      } else {
        readAll(resource).forEach(node -> resources.add((ObjectNode) node));
      }
    }
    for (JsonNode patch : kustomization.path("patches")) {
      if (!patch.has("path") || patch.size() != 1) {
        throw new IllegalArgumentException(dir + ": only patches by path are supported: " + patch);
      }
      for (JsonNode document : readAll(dir.resolve(patch.get("path").asText()))) {
        merge(target(resources, document), document);
      }
    }
    for (JsonNode image : kustomization.path("images")) {
      resources.forEach(r -> setImage(r, image));
    }
    return resources;
  }

  /** Every YAML document in {@code file}. */
  static List<JsonNode> readAll(Path file) {
    try {
      List<JsonNode> documents = new ArrayList<>();
      try (var parser = YAML.getFactory().createParser(file.toFile())) {
        Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class);
        it.forEachRemaining(
            node -> {
              if (node != null && !node.isNull() && !node.isMissingNode()) {
                documents.add(node);
              }
            });
      }
      return documents;
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }

  /** Replaces the image {@code image.name} in every container of a workload's pod template. */
  private static void setImage(ObjectNode resource, JsonNode image) {
    String name = image.path("name").asText();
    for (JsonNode container : resource.at("/spec/template/spec/containers")) {
      String current = container.path("image").asText();
      int end = current.indexOf('@') >= 0 ? current.indexOf('@') : current.lastIndexOf(':');
      String currentName = end > current.lastIndexOf('/') ? current.substring(0, end) : current;
      if (currentName.equals(name)) {
        String tag = current.substring(currentName.length());
        String newName = image.path("newName").asText(currentName);
        if (image.has("digest")) {
          tag = "@" + image.get("digest").asText();
        } else if (image.has("newTag")) {
          tag = ":" + image.get("newTag").asText();
        }
        ((ObjectNode) container).put("image", newName + tag);
      }
    }
  }

  private static ObjectNode target(List<ObjectNode> resources, JsonNode patch) {
    String kind = patch.path("kind").asText();
    String name = patch.path("metadata").path("name").asText();
    return resources.stream()
        .filter(r -> r.path("kind").asText().equals(kind))
        .filter(r -> r.path("metadata").path("name").asText().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException("a patch targets no resource: " + kind + "/" + name));
  }

  private static void merge(ObjectNode target, JsonNode patch) {
    patch
        .fields()
        .forEachRemaining(
            field -> {
              String key = field.getKey();
              JsonNode value = field.getValue();
              JsonNode existing = target.get(key);
              if (value.isNull()) {
                target.remove(key);
              } else if (existing instanceof ObjectNode o && value.isObject()) {
                merge(o, value);
              } else if (existing instanceof ArrayNode a
                  && value.isArray()
                  && MERGE_KEYS.containsKey(key)) {
                mergeList(a, (ArrayNode) value, MERGE_KEYS.get(key));
              } else {
                target.set(key, value.deepCopy());
              }
            });
  }

  private static void mergeList(ArrayNode target, ArrayNode patch, String mergeKey) {
    for (JsonNode element : patch) {
      ObjectNode match = null;
      for (JsonNode candidate : target) {
        if (candidate.path(mergeKey).equals(element.path(mergeKey))) {
          match = (ObjectNode) candidate;
        }
      }
      if (match == null) {
        target.add(element.deepCopy());
      } else {
        merge(match, element);
      }
    }
  }
}
