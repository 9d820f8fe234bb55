package io.postline.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/** A service's Spring Boot executable jar: its start class, its own classes and the libraries it carries. */
record ExecutableJar(Path jar, String startClass, List<String> libraries) {
    private static final String CLASSES = "BOOT-INF/classes/";
    private static final String LIB = "BOOT-INF/lib/";

    ExecutableJar {
        libraries = List.copyOf(libraries);
    }

    static ExecutableJar read(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            String startClass = file.getManifest().getMainAttributes().getValue("Start-Class");
            if (startClass == null) {
                throw new IllegalStateException(jar + " is not a Spring Boot executable jar (no Start-Class)");
            }
            List<String> libraries = file.stream().map(ZipEntry::getName)
                    .filter(n -> n.startsWith(LIB) && n.endsWith(".jar"))
                    .map(n -> n.substring(LIB.length())).toList();
            return new ExecutableJar(jar, startClass, libraries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }

    /**
     * Unpacks the service's classes into {@code classes} and its libraries into {@code libraries}, a directory
     * the services of one build share: a library already there under the same name is the same jar, so it is
     * kept (the host empties the directory before each unpack).
     */
    void extract(Path classes, Path libraries) {
        try (JarFile file = new JarFile(jar.toFile())) {
            for (ZipEntry entry : file.stream().toList()) {
                String name = entry.getName();
                Path base;
                String relative;
                if (name.startsWith(CLASSES) && name.length() > CLASSES.length()) {
                    base = classes;
                    relative = name.substring(CLASSES.length());
                } else if (name.startsWith(LIB) && name.endsWith(".jar")) {
                    base = libraries;
                    relative = name.substring(LIB.length());
                } else {
                    continue;
                }
                Path target = base.resolve(relative).normalize();
                if (!target.startsWith(base)) {
                    throw new IllegalStateException(jar + " has an entry outside its directory: " + name);
                }
                if (base == libraries && Files.exists(target)) {
                    continue; // another service's jar of the same build brought it
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + jar, e);
        }
    }
}
