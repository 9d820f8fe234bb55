package io.postline.iso20022;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BundledSchemasTest {
    @ParameterizedTest
    @ValueSource(strings = {"cain.001.001.04.xsd", "camt.054.001.08.xsd"})
    void theBundledCopyIsByteIdenticalToTheOfficialOneBesideTheRepository(String file) throws Exception {
        Path shared = Path.of(System.getProperty("postline.root", "."), "..", "shared", "iso20022", "xsd", file);
        assumeTrue(Files.exists(shared), "no shared/ beside the repository");
        try (InputStream bundled = getClass().getResourceAsStream("/iso20022/" + file)) {
            assertThat(bundled.readAllBytes()).isEqualTo(Files.readAllBytes(shared));
        }
    }
}
