package io.postline.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.postline.benchmarks.LoggedProblems.Kind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoggedProblemsTest {
    @TempDir
    Path logs;

    static String line(String level, String logger, String message) {
        return "{\"@timestamp\":\"2026-12-03T03:04:15Z\",\"log\":{\"level\":\"" + level + "\",\"logger\":\"" + logger
                + "\"},\"service\":{\"name\":\"x\"},\"message\":\"" + message + "\"}";
    }

    @Test
    void countsOurWarningsAndEveryErrorPerLoggerAndKeepsTheFirstMessage() throws Exception {
        String scan = "io.postline.reconciliation.patch.AutoPatcher";
        Files.write(logs.resolve("service-host.log"), java.util.List.of(
                line("INFO", scan, "started"),
                line("WARN", scan, "reconciliation scan failed: first"),
                "WARNING: A terminally deprecated method in sun.misc.Unsafe (io.postline.\"WARN\" not JSON)",
                line("WARN", "org.springdoc.core.events.SpringDocAppInitializer", "not ours"),
                line("WARN", scan, "reconciliation scan failed: second"),
                line("ERROR", "io.postline.stage.consumer.StageBatchProcessor", "event e1 fails; sending it to the DLT"),
                line("ERROR", "org.springframework.scheduling.support.TaskUtils$LoggingErrorHandler",
                        "Unexpected error occurred in scheduled task")));
        Files.write(logs.resolve("posting-service.log"), java.util.List.of(
                line("WARN", "io.postline.stage.outbox.OutboxRelay", "outbox poll failed")));
        Files.write(logs.resolve("kafka.log"), java.util.List.of(line("ERROR", "io.postline.not.a.service", "skipped")));

        LoggedProblems read = LoggedProblems.read(logs);

        assertThat(read.byKind()).containsOnlyKeys(new Kind("WARN", scan),
                new Kind("WARN", "io.postline.stage.outbox.OutboxRelay"),
                new Kind("ERROR", "io.postline.stage.consumer.StageBatchProcessor"),
                new Kind("ERROR", "org.springframework.scheduling.support.TaskUtils$LoggingErrorHandler"));
        assertThat(read.byKind().get(new Kind("WARN", scan)))
                .isEqualTo(new LoggedProblems.Seen(2, "reconciliation scan failed: first"));
        assertThat(read.errors()).isEqualTo(2);

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        read.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("       2 WARN  " + scan + ", the first: reconciliation scan failed: first");
    }

    @Test
    void aCleanRunSaysNone() throws Exception {
        Files.write(logs.resolve("service-host.log"), java.util.List.of(line("INFO", "io.postline.x", "fine")));

        LoggedProblems read = LoggedProblems.read(logs);

        assertThat(read.byKind()).isEmpty();
        assertThat(read.errors()).isZero();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        read.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("warnings logged by Postline's code, errors by any: none"
                + System.lineSeparator());
    }
}
