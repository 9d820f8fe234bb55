package io.postline.system;

import io.postline.localstack.LocalStack;
import io.postline.localstack.StackSettings;
import java.nio.file.Path;
import java.util.List;

/** Starts a fresh stack for one system test class: its own data directory, ports and database. */
final class TestStacks {
    private TestStacks() {
    }

    /** Ports are shifted by {@code portOffset}; keep them all below 32768 (Linux's ephemeral range). */
    static LocalStack start(String directory, int kafkaPort, int portOffset, String database,
                            String... serviceArguments) throws Exception {
        return start(false, directory, kafkaPort, portOffset, database, serviceArguments);
    }

    /** The same, with the seven services in one JVM when {@code oneJvm}. */
    static LocalStack start(boolean oneJvm, String directory, int kafkaPort, int portOffset, String database,
                            String... serviceArguments) throws Exception {
        Path root = Path.of(System.getProperty("postline.root", "..")).toAbsolutePath().normalize();
        StackSettings d = StackSettings.defaults(root);
        LocalStack stack = new LocalStack(new StackSettings(root, root.resolve("system-tests/target/" + directory),
                kafkaPort, kafkaPort + 1, portOffset, d.dbHost(), d.dbPort(), d.dbUser(), d.dbPassword(), database,
                true, List.of(serviceArguments), oneJvm));
        try {
            stack.start();
        } catch (Exception | Error e) {
            stack.close(); // the services and broker that did start would outlive the test otherwise
            throw e;
        }
        return stack;
    }
}
