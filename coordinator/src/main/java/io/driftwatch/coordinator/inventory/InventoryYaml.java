package io.driftwatch.coordinator.inventory;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads inventory YAML into a tree, with what an uploaded file needs: the inventory size cap
 * instead of SnakeYAML's smaller default; duplicate keys refused, because a host or group listed
 * twice in one mapping would otherwise silently lose one; and aliases ({@code *name}) refused,
 * because Jackson reads an alias as the anchor's name rather than its value, which would import
 * something other than what the file says.
 */
final class InventoryYaml {

  private static final ObjectMapper YAML = mapper();

  private InventoryYaml() {}

  private static ObjectMapper mapper() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(InventoryFormat.MAX_CHARS);
    options.setAllowDuplicateKeys(false);
    YAMLFactory factory =
        YAMLFactory.builder()
            .loaderOptions(options)
            // The builder, unlike new YAMLFactory(), starts without this: "host:" would be "".
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    return new ObjectMapper(factory);
  }

  /** The document's tree; a missing node for an empty document. */
  static JsonNode read(String text) {
    try (JsonParser parser = new NoAliases((YAMLParser) YAML.createParser(text))) {
      JsonNode root = YAML.readTree(parser);
      return root == null ? MissingNode.getInstance() : root;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ")";
      throw new IllegalArgumentException(
          "inventory is not valid YAML" + where + ": " + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Binds a subtree to a type, e.g. an entry to a {@code HostDefinition}. */
  static <T> T bind(JsonNode node, Class<T> type) throws JsonProcessingException {
    return YAML.treeToValue(node, type);
  }

  /** A parser that fails at the first alias. */
  private static final class NoAliases extends JsonParserDelegate {

    NoAliases(YAMLParser parser) {
      super(parser);
    }

    @Override
    public JsonToken nextToken() throws IOException {
      JsonToken token = super.nextToken();
      if (((YAMLParser) delegate).isCurrentAlias()) {
        throw new JsonParseException(
            this, "aliases (*" + getText() + ") are not supported: write the value out");
      }
      return token;
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
