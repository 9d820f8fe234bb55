package io.postline.localstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

/**
 * All seven services in one JVM ({@code service-host}), for the one-machine deployment
 * ({@link StackSettings#servicesInOneJvm()}): their executable jars are unpacked, every library goes on the
 * host's class path once ({@link HostLayout}), and each service gets its own class loader for its classes
 * and configuration.
 */
final class ServiceHostProcess {
    static final String NAME = "service-host";
    private static final String AUTO_CONFIGURATIONS =
            "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports";
    /**
     * Libraries with auto-configurations that some services lack, and the argument that keeps them off in
     * those services. Only the ingest service documents its API (springdoc).
     */
    private static final Map<String, String> SWITCH_OFF = Map.of(
            "springdoc-openapi-starter-common-", "--springdoc.api-docs.enabled=false",
            "springdoc-openapi-starter-webmvc-api-", "--springdoc.api-docs.enabled=false");

    private ServiceHostProcess() {
    }

    static ChildProcess create(StackSettings settings) {
        Path hostJar = settings.root().resolve(NAME).resolve("target").resolve(NAME + ".jar");
        if (!Files.exists(hostJar)) {
            throw new IllegalStateException(hostJar + " is missing: build first (./mvnw -DskipTests package)");
        }
        Path dir = settings.dataDir().resolve(NAME);
        LocalStack.deleteRecursively(dir); // SNAPSHOT libraries keep their names across builds: never reuse a copy
        Path libraries = dir.resolve("lib");
        Map<PipelineService, ExecutableJar> jars = new LinkedHashMap<>();
        Map<String, List<String>> librariesByService = new LinkedHashMap<>();
        for (PipelineService s : PipelineService.values()) {
            ExecutableJar jar = ExecutableJar.read(ServiceProcess.executableJar(s, settings));
            jar.extract(dir.resolve(s.module()), libraries);
            jars.put(s, jar);
            librariesByService.put(s.module(), jar.libraries());
        }
        HostLayout layout = HostLayout.of(librariesByService);

        List<String> classPath = new ArrayList<>(List.of(hostJar.toString()));
        layout.shared().forEach(l -> classPath.add(libraries.resolve(l).toString()));
        // The seven services' heaps in one: its young generation is four fifths of their seven (7 x 320 MB in
        // ServiceProcess), so young collections come a little more often, and each stops all seven services.
        List<String> command = new ArrayList<>(List.of(ChildProcess.javaExecutable(), "-Xms2560m", "-Xmx2560m",
                "-Xmn1792m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
                ChildProcess.collectorLog(settings.dataDir().resolve("logs"), NAME),
                "-cp", String.join(File.pathSeparator, classPath), "io.postline.host.ServiceHost"));
        jars.forEach((s, jar) -> {
            command.add("--service=" + s.module());
            command.add("--main=" + jar.startClass());
            command.add("--class-path=" + dir.resolve(s.module()));
            command.addAll(switchOff(s, layout.foreign().get(s.module()), libraries));
            command.addAll(ServiceProcess.arguments(s, settings));
        });
        return new ChildProcess(NAME, command, settings.dataDir().resolve("logs").resolve(NAME + ".log"));
    }

    /**
     * The arguments that keep a foreign library's auto-configurations off in this service; refuses to host
     * it if a foreign library has auto-configurations nobody has decided about.
     */
    static List<String> switchOff(PipelineService service, List<String> foreign, Path libraries) {
        List<String> arguments = new ArrayList<>();
        for (String library : foreign) {
            if (!hasAutoConfigurations(libraries.resolve(library))) {
                continue;
            }
            String argument = SWITCH_OFF.entrySet().stream().filter(e -> library.startsWith(e.getKey()))
                    .map(Map.Entry::getValue).findFirst()
                    .orElseThrow(() -> new IllegalStateException(service.module() + " would see " + library
                            + ", which its own jar lacks and which has auto-configurations: it cannot share the "
                            + "service host until ServiceHostProcess knows how to keep them off"));
            if (!arguments.contains(argument)) {
                arguments.add(argument);
            }
        }
        return arguments;
    }

    private static boolean hasAutoConfigurations(Path library) {
        try (JarFile jar = new JarFile(library.toFile())) {
            return jar.getEntry(AUTO_CONFIGURATIONS) != null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + library, e);
        }
    }
}
