package io.postline.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostLayoutTest {

    @Test
    void sharesEveryLibraryOnceAndListsWhatEachServiceLacks() {
        Map<String, List<String>> libraries = new LinkedHashMap<>();
        libraries.put("auth-ingest-service", List.of("kafka-clients.jar", "springdoc.jar", "jackson-core-2.jar"));
        libraries.put("dedup-service", List.of("kafka-clients.jar", "snakeyaml-engine.jar"));
        libraries.put("posting-service", List.of("kafka-clients.jar", "snakeyaml-engine.jar", "iso20022-mapping.jar"));

        HostLayout layout = HostLayout.of(libraries);

        assertThat(layout.shared()).containsExactly("kafka-clients.jar", "springdoc.jar", "jackson-core-2.jar",
                "snakeyaml-engine.jar", "iso20022-mapping.jar");
        assertThat(layout.foreign()).containsEntry("auth-ingest-service", List.of("snakeyaml-engine.jar", "iso20022-mapping.jar"))
                .containsEntry("dedup-service", List.of("springdoc.jar", "jackson-core-2.jar", "iso20022-mapping.jar"))
                .containsEntry("posting-service", List.of("springdoc.jar", "jackson-core-2.jar"));
    }

    @Test
    void switchesOffTheApiDocumentationInAServiceWhoseJarLacksIt(@TempDir Path libraries) throws IOException {
        jar(libraries.resolve("springdoc-openapi-starter-common-3.1.1.jar"), true);
        jar(libraries.resolve("springdoc-openapi-starter-webmvc-api-3.1.1.jar"), true);
        jar(libraries.resolve("jackson-core-2.21.5.jar"), false);

        assertThat(ServiceHostProcess.switchOff(PipelineService.DEDUP, List.of("springdoc-openapi-starter-common-3.1.1.jar",
                "springdoc-openapi-starter-webmvc-api-3.1.1.jar", "jackson-core-2.21.5.jar"), libraries))
                .containsExactly("--springdoc.api-docs.enabled=false");
        assertThat(ServiceHostProcess.switchOff(PipelineService.DEDUP, List.of("jackson-core-2.21.5.jar"), libraries))
                .isEmpty();
    }

    @Test
    void refusesToHostAServiceThatWouldSeeAnUnknownLibraryWithAutoConfigurations(@TempDir Path libraries)
            throws IOException {
        jar(libraries.resolve("spring-boot-data-redis-4.1.1.jar"), true);

        assertThatThrownBy(() -> ServiceHostProcess.switchOff(PipelineService.RULES,
                List.of("spring-boot-data-redis-4.1.1.jar"), libraries))
                .hasMessageContaining("rules-service would see spring-boot-data-redis-4.1.1.jar");
    }

    private static void jar(Path file, boolean withAutoConfigurations) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out)) {
            jar.putNextEntry(new JarEntry(withAutoConfigurations
                    ? "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports"
                    : "META-INF/placeholder"));
            jar.write("x.y.Z\n".getBytes());
            jar.closeEntry();
        }
    }
}
