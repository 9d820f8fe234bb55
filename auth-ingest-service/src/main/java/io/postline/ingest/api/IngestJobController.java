package io.postline.ingest.api;

import io.postline.events.EventIds;
import io.postline.ingest.config.IngestProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.postline.ingest.config.IngestProperties.Format;
import io.postline.ingest.jobs.IngestJobs;
import io.postline.ingest.validation.SourceCheck;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * File ingest for batch sources: the upload is streamed to disk (never held in memory) and becomes a job;
 * {@code GET /v1/ingest-jobs/{id}} shows its progress, counts and line errors.
 */
@RestController
public class IngestJobController {
    static final String CSV_EXAMPLE = "authorizationId,cardToken,acquirerId,merchantId,merchantName,mcc,merchantCity,"
            + "merchantCountry,amountMinor,currency,stan,rrn,approvalCode,transmissionTime\n"
            + "F-0001,CTK000001,40001234,M-1,\"Shop, No 1\",5411,London,GB,1250,GBP,000001,800000000001,A1B2C3,"
            + "2026-11-21T10:00:00Z\n";
    private final IngestJobs jobs;
    private final SourceCheck sources;
    private final IngestProperties properties;

    public IngestJobController(IngestJobs jobs, SourceCheck sources, IngestProperties properties) {
        this.jobs = jobs;
        this.sources = sources;
        this.properties = properties;
    }

    public record JobView(UUID jobId, String sourceId, String format, String status, long bytes, int linesRead,
                          int accepted, int rejected, Instant createdAt, Instant startedAt, Instant finishedAt,
                          String failure, List<IngestJobs.LineError> errors) {
    }

    @Operation(summary = "Upload a CSV or NDJSON file of authorizations; it becomes a job",
            description = "Streamed to disk, processed in chunks; poll the job at its Location. CSV columns in docs/api.md.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = "text/csv", examples = @ExampleObject(name = "csv", value = CSV_EXAMPLE)),
                    @Content(mediaType = "application/x-ndjson", examples = @ExampleObject(name = "ndjson",
                            value = "{\"authorizationId\":\"F-1\", ...}"))}))
    @ApiResponse(responseCode = "202", content = @Content(schema = @Schema(implementation = JobView.class)))
    @PostMapping(value = "/v1/ingest-jobs", consumes = {"text/csv", "application/x-ndjson"})
    public ResponseEntity<?> upload(@RequestParam String sourceId, HttpServletRequest request,
                                    org.springframework.security.core.Authentication caller) throws IOException {
        Format format = request.getContentType().startsWith("text/csv") ? Format.CSV : Format.NDJSON;
        var problem = sources.problem(sourceId, format, SourceCheck.clientOf(caller));
        if (problem.isPresent()) {
            return Problems.invalidFields(List.of(problem.get()), false);
        }
        UUID jobId = EventIds.timeOrdered();
        Path dir = properties.jobs().directory().toAbsolutePath();
        Files.createDirectories(dir);
        Path part = dir.resolve(jobId + ".part");
        long bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
        }
        if (bytes == 0) {
            Files.deleteIfExists(part);
            return Problems.badRequest("The uploaded file is empty.");
        }
        Path file = Files.move(part, dir.resolve(jobId + "." + format.name().toLowerCase()),
                StandardCopyOption.ATOMIC_MOVE);
        jobs.create(jobId, sourceId, format.name(), file.toString(), bytes);
        return ResponseEntity.accepted().location(URI.create("/v1/ingest-jobs/" + jobId)).body(view(jobId));
    }

    @GetMapping("/v1/ingest-jobs/{jobId}")
    public ResponseEntity<?> job(@PathVariable UUID jobId) {
        if (jobs.find(jobId).isEmpty()) {
            return Problems.of(HttpStatus.NOT_FOUND, "unknown-job", "Unknown ingest job", "There is no job " + jobId + ".");
        }
        return ResponseEntity.ok(view(jobId));
    }

    private JobView view(UUID jobId) {
        IngestJobs.Job j = jobs.find(jobId).orElseThrow();
        return new JobView(j.jobId(), j.sourceId(), j.format(), j.status(), j.bytes(), j.linesDone(), j.accepted(),
                j.rejected(), j.createdAt(), j.startedAt(), j.finishedAt(), j.failure(), jobs.errors(jobId, 100));
    }
}
