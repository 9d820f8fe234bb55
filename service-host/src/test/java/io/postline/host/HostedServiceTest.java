package io.postline.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostedServiceTest {

    @Test
    void splitsTheArgumentsIntoOneBlockPerServiceAndKeepsTheHostsOwnOptionsOutOfTheServices() {
        List<HostedService> services = HostedService.parse(List.of(
                "--service=dedup-service", "--main=io.postline.dedup.DedupApplication",
                "--class-path=/h/dedup/classes" + File.pathSeparator + "/h/lib/a.jar", "--server.port=8081",
                "--service=rules-service", "--class-path=/h/rules/classes", "--main=io.postline.rules.RulesApplication",
                "--server.port=8084", "--spring.kafka.bootstrap-servers=localhost:9092"));

        assertThat(services).containsExactly(
                new HostedService("dedup-service", "io.postline.dedup.DedupApplication",
                        List.of(Path.of("/h/dedup/classes"), Path.of("/h/lib/a.jar")), List.of("--server.port=8081")),
                new HostedService("rules-service", "io.postline.rules.RulesApplication",
                        List.of(Path.of("/h/rules/classes")),
                        List.of("--server.port=8084", "--spring.kafka.bootstrap-servers=localhost:9092")));
    }

    @Test
    void refusesArgumentsThatNameNoServiceOrLackItsMainClassOrClassPath() {
        assertThatThrownBy(() -> HostedService.parse(List.of("--server.port=1")))
                .hasMessageContaining("--service=<name> first");
        assertThatThrownBy(() -> HostedService.parse(List.of())).hasMessageContaining("no --service");
        assertThatThrownBy(() -> HostedService.parse(List.of("--service=a", "--class-path=/x")))
                .hasMessageContaining("a needs --main");
    }

    @Test
    void eachServiceSeesItsOwnConfigurationAndTheSharedClasses(@TempDir Path dir) throws Exception {
        for (String name : List.of("a", "b")) {
            Files.createDirectories(dir.resolve(name));
            Files.writeString(dir.resolve(name).resolve("application.yml"), "name: " + name);
        }
        ClassLoader shared = getClass().getClassLoader();
        try (var a = service("a", dir.resolve("a")).classLoader(shared);
             var b = service("b", dir.resolve("b")).classLoader(shared)) {
            assertThat(new String(a.getResourceAsStream("application.yml").readAllBytes())).isEqualTo("name: a");
            assertThat(new String(b.getResourceAsStream("application.yml").readAllBytes())).isEqualTo("name: b");
            // a class of the shared class path is one class for both: compiled once
            assertThat(a.loadClass(HostedService.class.getName())).isSameAs(b.loadClass(HostedService.class.getName()))
                    .isSameAs(HostedService.class);
        }
    }

    @Test
    void runsTheMainMethodWithTheServicesArgumentsAndItsOwnContextClassLoader(@TempDir Path dir) throws Exception {
        HostedService service = new HostedService("probe", RecordingMain.class.getName(), List.of(dir),
                List.of("--server.port=1234"));

        assertThat(ServiceHost.start(service, getClass().getClassLoader())).isNull();

        assertThat(RecordingMain.arguments.get()).containsExactly("--server.port=1234");
        assertThat(RecordingMain.contextLoader.get().getName()).isEqualTo("probe");
    }

    @Test
    void reportsTheFailureOfAServiceThatDoesNotStart(@TempDir Path dir) throws Exception {
        HostedService service = new HostedService("broken", FailingMain.class.getName(), List.of(dir), List.of());

        assertThat(ServiceHost.start(service, getClass().getClassLoader()))
                .isInstanceOf(IllegalStateException.class).hasMessage("no database");
        assertThat(ServiceHost.start(new HostedService("missing", "no.such.Main", List.of(dir), List.of()),
                getClass().getClassLoader())).isInstanceOf(ClassNotFoundException.class);
    }

    private static HostedService service(String name, Path classes) {
        return new HostedService(name, "unused", List.of(classes), List.of());
    }

    public static final class RecordingMain {
        static final AtomicReference<String[]> arguments = new AtomicReference<>();
        static final AtomicReference<ClassLoader> contextLoader = new AtomicReference<>();

        public static void main(String[] args) {
            arguments.set(args);
            contextLoader.set(Thread.currentThread().getContextClassLoader());
        }
    }

    public static final class FailingMain {
        public static void main(String[] args) {
            throw new IllegalStateException("no database");
        }
    }
}
