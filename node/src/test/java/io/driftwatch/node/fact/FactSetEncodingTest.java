package io.driftwatch.node.fact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The dictionary encoding behind {@link FactSet}: sharing, the map view, and wire forms. */
class FactSetEncodingTest {

  private static final Map<String, String> FACTS =
      Map.of(
          "package:libc6", "2.36-9+deb12u4",
          "package:bash", "5.2.15-2+b2",
          "sysctl:vm.swappiness", "60",
          "port:tcp:0.0.0.0:22", "listen",
          "os:id", "debian");

  @Test
  void setsWithTheSameKeysShareOneKeyArrayAndStayEqualToTheirMaps() {
    FactSet a = FactSet.of(new HashMap<>(FACTS));
    FactSet b = FactSet.of(new TreeMap<>(FACTS));
    FactSet c =
        FactSet.of(
            Map.of(
                "package:libc6",
                "other",
                "package:bash",
                "x",
                "sysctl:vm.swappiness",
                "1",
                "port:tcp:0.0.0.0:22",
                "listen",
                "os:id",
                "debian"));
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.hashCode()).isEqualTo(new TreeMap<>(FACTS).hashCode());
    assertThat(a.sharesKeysWith(c)).isTrue();
    assertThat(a).isNotEqualTo(c);
    assertThat(a.asMap()).isEqualTo(FACTS);
    assertThat(a.with("package:zsh", "5.9-4").sharesKeysWith(b.with("package:zsh", "1"))).isTrue();
  }

  @Test
  void withSetsAddsAndRemovesKeysInOrder() {
    FactSet facts = FactSet.of(FACTS);
    FactSet changed = facts.with(Map.of("package:libc6", "2.36-9+deb12u7"));
    assertThat(changed.sharesKeysWith(facts)).isTrue();
    assertThat(changed.get("package:libc6")).isEqualTo("2.36-9+deb12u7");
    assertThat(facts.get("package:libc6")).isEqualTo("2.36-9+deb12u4");

    Map<String, String> changes = new HashMap<>();
    changes.put("package:bash", null);
    changes.put("module:nf_conntrack", "loaded");
    FactSet reshaped = facts.with(changes);
    assertThat(reshaped.asMap().keySet())
        .containsExactly(
            "module:nf_conntrack",
            "os:id",
            "package:libc6",
            "port:tcp:0.0.0.0:22",
            "sysctl:vm.swappiness");
    assertThat(facts.with("package:aaa", "1").asMap().firstKey()).isEqualTo("os:id");
    assertThat(facts.with("a:first", "1").asMap().firstKey()).isEqualTo("a:first");
    assertThat(facts.with("z:last", "1").asMap().lastKey()).isEqualTo("z:last");
    assertThatThrownBy(() -> facts.with("Bad", "1")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theMapViewIsASortedReadOnlyMap() {
    SortedMap<String, String> view = FactSet.of(FACTS).asMap();
    SortedMap<String, String> expected = new TreeMap<>(FACTS);
    assertThat(view).containsExactlyEntriesOf(expected);
    assertThat(view.get("os:id")).isEqualTo("debian");
    assertThat(view.get("os:nothing")).isNull();
    assertThat(view.containsKey("package:bash")).isTrue();
    assertThat(view.subMap("package:", "package;"))
        .isEqualTo(expected.subMap("package:", "package;"));
    assertThat(view.headMap("port:")).isEqualTo(expected.headMap("port:"));
    assertThat(view.tailMap("port:")).isEqualTo(expected.tailMap("port:"));
    assertThat(view.tailMap("port:").firstKey()).isEqualTo("port:tcp:0.0.0.0:22");
    assertThat(view.headMap("a")).isEmpty();
    assertThatThrownBy(() -> view.put("os:id", "x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(FactSet.of(view)).isSameAs(FactSet.of(view));
  }

  @Test
  void prefixesAreSlicesOfTheSameFacts() {
    FactSet facts = FactSet.of(FACTS);
    Map<String, String> packages = new TreeMap<>(FACTS);
    packages.keySet().removeIf(k -> !k.startsWith("package:"));
    assertThat(facts.withPrefix("package:")).isEqualTo(FactSet.of(packages));
    assertThat(facts.withPrefix("zzz").isEmpty()).isTrue();
    assertThat(facts.withPrefix("package:").categories()).containsExactly("package");
    assertThat(facts.categories()).containsExactly("os", "package", "port", "sysctl");
  }

  @Test
  void diffAgreesWithAPlainMapDiffWhetherOrNotKeysAreShared() {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      Map<String, String> left = randomFacts(random);
      Map<String, String> right = random.nextBoolean() ? randomFacts(random) : vary(left, random);
      assertThat(FactSet.of(left).diff(FactSet.of(right)))
          .as("round %d", round)
          .isEqualTo(mapDiff(left, right));
    }
  }

  @Test
  void jsonAndCborCarryAFactSetAsAPlainObject() throws Exception {
    FactSet facts = FactSet.of(FACTS);
    ObjectMapper json = new ObjectMapper();
    String text = json.writeValueAsString(facts);
    assertThat(json.readTree(text).get("os:id").asText()).isEqualTo("debian");
    assertThat(json.readValue(text, FactSet.class)).isEqualTo(facts);
    CBORMapper cbor = new CBORMapper();
    assertThat(cbor.readValue(cbor.writeValueAsBytes(facts), FactSet.class)).isEqualTo(facts);
    assertThat(json.readValue("{}", FactSet.class)).isSameAs(FactSet.empty());
  }

  private static Map<String, String> randomFacts(Random random) {
    Map<String, String> facts = new HashMap<>();
    int n = random.nextInt(30);
    for (int i = 0; i < n; i++) {
      facts.put("c" + random.nextInt(3) + ":k" + random.nextInt(40), "v" + random.nextInt(3));
    }
    return facts;
  }

  private static Map<String, String> vary(Map<String, String> facts, Random random) {
    Map<String, String> varied = new HashMap<>(facts);
    varied.replaceAll((k, v) -> random.nextInt(5) == 0 ? v + "'" : v);
    return varied;
  }

  private static List<FactDifference> mapDiff(Map<String, String> left, Map<String, String> right) {
    TreeSet<String> keys = new TreeSet<>(left.keySet());
    keys.addAll(right.keySet());
    List<FactDifference> differences = new ArrayList<>();
    for (String key : keys) {
      if (!Objects.equals(left.get(key), right.get(key))) {
        differences.add(new FactDifference(key, left.get(key), right.get(key)));
      }
    }
    return differences;
  }
}
