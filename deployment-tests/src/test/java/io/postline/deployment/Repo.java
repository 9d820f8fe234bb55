package io.postline.deployment;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root, from the build ({@code postline.root}) or the working directory's parent. */
final class Repo {
    private Repo() {
    }

    static Path root() {
        String configured = System.getProperty("postline.root");
        Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
        if (!Files.exists(root.resolve("docker-compose.yml"))) {
            throw new IllegalStateException("not the repository root: " + root);
        }
        return root;
    }
}
