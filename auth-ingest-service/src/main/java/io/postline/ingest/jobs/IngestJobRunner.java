package io.postline.ingest.jobs;

import io.micrometer.core.instrument.MeterRegistry;
import io.postline.events.EventIds;
import io.postline.ingest.AuthorizationAcceptance;
import io.postline.ingest.config.IngestProperties;
import io.postline.ingest.config.IngestProperties.Format;
import io.postline.ingest.store.ReceivedAuthorizations.Received;
import io.postline.ingest.validation.CheckedRequest;
import io.postline.ingest.validation.FieldError;
import io.postline.ingest.validation.RequestChecker;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * Processes uploaded files line by line, a chunk per transaction: the chunk's accepted authorizations, its
 * line errors and the job's progress commit together. Each line's event id derives from the job and line
 * number, so a chunk run again after a crash stores and publishes nothing twice; the file is read as a
 * stream, never whole.
 */
@Component
public class IngestJobRunner {
    private static final Logger log = LoggerFactory.getLogger(IngestJobRunner.class);
    private final IngestJobs jobs;
    private final RequestChecker checker;
    private final AuthorizationAcceptance acceptance;
    private final TransactionTemplate tx;
    private final IngestProperties properties;
    private final ObjectMapper json;
    private final MeterRegistry meters;

    public IngestJobRunner(IngestJobs jobs, RequestChecker checker, AuthorizationAcceptance acceptance,
                           TransactionTemplate tx, IngestProperties properties, ObjectMapper json, MeterRegistry meters) {
        this.jobs = jobs;
        this.checker = checker;
        this.acceptance = acceptance;
        this.tx = tx;
        this.properties = properties;
        this.json = json;
        this.meters = meters;
    }

    @Scheduled(fixedDelayString = "${postline.ingest.jobs.poll-interval:500ms}")
    public void runWaitingJobs() {
        for (var job = jobs.claimNext(); job.isPresent(); job = jobs.claimNext()) {
            run(job.get());
        }
    }

    void run(IngestJobs.Job job) {
        Format format = Format.valueOf(job.format());
        LineReader reader = new LineReader(format, job.sourceId(), json);
        Path file = Path.of(job.filePath());
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int line = 0;
            if (format == Format.CSV) {
                String header = in.readLine();
                line = 1;
                String problem = header == null ? "the file is empty" : reader.header(header);
                if (problem != null) {
                    jobs.finish(job.jobId(), "FAILED", problem);
                    return;
                }
            }
            while (line < job.linesDone()) { // resume: these lines were committed by an earlier run
                if (in.readLine() == null) {
                    break;
                }
                line++;
            }
            List<String> chunk = new ArrayList<>(properties.jobs().chunkSize());
            String text;
            while ((text = in.readLine()) != null) {
                chunk.add(text);
                if (chunk.size() == properties.jobs().chunkSize()) {
                    line = commit(job, reader, chunk, line);
                    chunk.clear();
                }
            }
            commit(job, reader, chunk, line);
            jobs.finish(job.jobId(), "COMPLETED", null);
            Files.deleteIfExists(file);
            log.info("ingest job {} of {} completed", job.jobId(), job.sourceId());
        } catch (IOException | RuntimeException e) {
            log.error("ingest job {} failed", job.jobId(), e);
            jobs.finish(job.jobId(), "FAILED", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Checks and accepts one chunk; returns the number of the last line it covered. */
    private int commit(IngestJobs.Job job, LineReader reader, List<String> lines, int lineBefore) {
        Instant now = Instant.now();
        List<Received> accepted = new ArrayList<>();
        List<IngestJobs.LineError> errors = new ArrayList<>();
        int rejected = 0;
        int line = lineBefore;
        for (String text : lines) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            LineReader.Parsed parsed = reader.parse(text);
            CheckedRequest checked = parsed.error() != null
                    ? new CheckedRequest.Invalid(List.of(new FieldError("$", parsed.error())), false)
                    : checker.check(parsed.columns(), parsed.request());
            if (checked instanceof CheckedRequest.Valid valid && !valid.request().sourceId().equals(job.sourceId())) {
                checked = new CheckedRequest.Invalid(List.of(new FieldError("sourceId", "differs from the job's source")),
                        false);
            }
            switch (checked) {
                case CheckedRequest.Valid valid -> accepted.add(new Received(
                        EventIds.derive(job.jobId(), "ingest/line", line), valid.request().toEvent(now), job.jobId()));
                case CheckedRequest.Invalid invalid -> {
                    rejected++;
                    for (FieldError e : invalid.errors()) {
                        errors.add(IngestJobs.error(line, e));
                    }
                }
            }
        }
        final int last = line;
        final int rejectedInChunk = rejected;
        tx.executeWithoutResult(status -> {
            acceptance.accept(accepted, false, null);
            jobs.progress(job.jobId(), last, accepted.size(), rejectedInChunk, errors, properties.jobs().maxLineErrors());
        });
        meters.counter("postline.ingest.job.lines", "outcome", "accepted").increment(accepted.size());
        meters.counter("postline.ingest.job.lines", "outcome", "rejected").increment(rejectedInChunk);
        return last;
    }
}
