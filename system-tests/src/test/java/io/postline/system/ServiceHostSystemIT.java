package io.postline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.postline.localstack.LocalStack;
import io.postline.localstack.PipelineService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one-machine deployment: the seven services in one JVM (the service host), each in its own class
 * loader. Every authorization is posted once and reconciled, each service answers on its own ports, and a
 * stage does not pick up the ingest service's API documentation from the shared class path.
 */
class ServiceHostSystemIT {
    private static final int UNIQUE = 190;
    private static final int DUPLICATES = 10;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern APPLICATION_TAG = Pattern.compile("application=\"([^\"]+)\"");
    @AutoClose
    private static LocalStack stack;
    private static StackProbe probe;

    @BeforeAll
    static void startPipeline() throws Exception {
        stack = TestStacks.start(true, "host-stack", 23092, 14000, "postline_host_test");
        probe = new StackProbe(stack);
    }

    @Test
    void everyUniqueAuthorizationIsPostedOnceAndReconciledWithAllServicesInOneJvm() throws Exception {
        long pid = stack.service(PipelineService.AUTH_INGEST).pid();
        for (PipelineService s : PipelineService.values()) {
            assertThat(stack.service(s).pid()).as(s.module()).isEqualTo(pid);
        }

        probe.post(AuthorizationMix.of(UNIQUE, DUPLICATES, 20261202));

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Map<String, Long> s = probe.summary();
            assertThat(s.get("matched") + s.get("parkedDuplicates")).isEqualTo(UNIQUE + DUPLICATES);
        });
        assertThat(probe.summary()).containsEntry("matched", (long) UNIQUE)
                .containsEntry("parkedDuplicates", (long) DUPLICATES).containsEntry("openBreaks", 0L);
        try (Connection db = probe.database()) {
            assertThat(StackProbe.count(db, "select count(*) from posting.journal_entry")).isEqualTo(UNIQUE);
            assertThat(StackProbe.count(db, "select count(distinct authorization_id) from posting.journal_entry"))
                    .isEqualTo(UNIQUE);
            StackProbe.assertLedgerConsistent(db);
        }
        assertThat(probe.deadLetterRecords()).isZero();
    }

    @Test
    void eachServiceKeepsItsOwnConfigurationAndOnlyIngestDocumentsItsApi() throws Exception {
        Set<String> applications = new HashSet<>();
        for (PipelineService s : PipelineService.values()) {
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                    + s.managementPort(stack.settings().portOffset()) + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Set<String> tags = new HashSet<>();
            Matcher m = APPLICATION_TAG.matcher(metrics);
            while (m.find()) {
                tags.add(m.group(1));
            }
            assertThat(tags).as(s.module() + "'s metrics carry its own application name only").hasSize(1);
            applications.addAll(tags);
        }
        assertThat(applications).hasSize(PipelineService.values().length);
        assertThat(status(PipelineService.AUTH_INGEST, "/v3/api-docs")).isEqualTo(200);
        for (PipelineService stage : List.of(PipelineService.DEDUP, PipelineService.POSTING)) {
            assertThat(status(stage, "/v3/api-docs")).as(stage.module()).isEqualTo(404);
        }
    }

    @Test
    void aSingleServiceCannotBeCrashedOrFrozenWhenTheyShareTheJvm() {
        assertThatThrownBy(() -> stack.crashAndRestart(PipelineService.DEDUP))
                .hasMessageContaining("share one JVM");
        assertThatThrownBy(() -> stack.freeze(PipelineService.DEDUP, Duration.ofMillis(1)))
                .hasMessageContaining("share one JVM");
        assertThat(stack.service(PipelineService.DEDUP).isAlive()).isTrue();
    }

    @Test
    void theServiceHostAndTheBrokerLogTheirCollectionsBesideTheirOwnLogs() throws Exception {
        Path logs = stack.settings().dataDir().resolve("logs");
        for (String jvm : List.of("service-host", "kafka")) {
            Path collectorLog = logs.resolve(jvm + "-gc.log");
            assertThat(collectorLog).as(jvm).exists();
            // Written when the JVM starts, with the wall-clock time every line of the file carries.
            assertThat(Files.readString(collectorLog)).as(jvm).containsPattern(
                    "\\[20\\d\\d-\\d\\d-\\d\\dT[^\\]]+\\]\\[[0-9.]+s\\] Using Serial");
        }
    }

    private static int status(PipelineService service, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.url(service) + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
