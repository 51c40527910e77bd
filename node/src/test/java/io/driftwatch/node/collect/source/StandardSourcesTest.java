package io.driftwatch.node.collect.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.node.collect.FactSource;
import io.driftwatch.node.testing.DefaultSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandardSourcesTest {

  @Test
  void sourcesHaveUniqueNamesDisjointCategoriesAndAFixedOrder() {
    List<FactSource> sources = StandardSources.all(DefaultSettings.collector());
    List<String> categories = new ArrayList<>();
    sources.forEach(s -> categories.addAll(s.categories()));

    assertThat(sources)
        .extracting(FactSource::name)
        .containsExactly(
            "os",
            "kernel",
            "packages",
            "modules",
            "sysctl",
            "users",
            "ports",
            "services",
            "dmi",
            "cpu",
            "memory",
            "mounts",
            "files");
    assertThat(categories)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrder(
            "os", "kernel", "package", "module", "sysctl", "user", "group", "port", "service",
            "dmi", "cpu", "memory", "mount", "file");
  }
}
