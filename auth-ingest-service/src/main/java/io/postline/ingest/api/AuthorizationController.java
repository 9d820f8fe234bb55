package io.postline.ingest.api;

import io.postline.events.EventIds;
import io.postline.ingest.AuthorizationAcceptance;
import io.postline.ingest.AuthorizationAcceptance.Entering;
import io.postline.ingest.grouping.SingleRequest;
import io.postline.ingest.grouping.SingleRequestGroups;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.postline.ingest.config.IngestProperties;
import io.postline.ingest.config.IngestProperties.Format;
import io.postline.ingest.idempotency.IdempotentExecution;
import io.postline.ingest.store.ReceivedAuthorizations.Received;
import io.postline.ingest.validation.CheckedRequest;
import io.postline.ingest.validation.FieldError;
import io.postline.ingest.validation.RequestChecker;
import io.postline.ingest.validation.SourceCheck;
import java.time.Instant;
import org.springframework.security.core.Authentication;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Single and batch ingest of approved authorizations (docs/api.md). */
@RestController
public class AuthorizationController {
    private final AuthorizationAcceptance acceptance;
    private final RequestChecker checker;
    private final SourceCheck sources;
    private final IdempotentExecution idempotent;
    private final SingleRequestGroups groups;
    private final IngestProperties properties;
    private final ObjectMapper json;

    public AuthorizationController(AuthorizationAcceptance acceptance, RequestChecker checker, SourceCheck sources,
                                   IdempotentExecution idempotent, SingleRequestGroups groups,
                                   IngestProperties properties, ObjectMapper json) {
        this.groups = groups;
        this.acceptance = acceptance;
        this.checker = checker;
        this.sources = sources;
        this.idempotent = idempotent;
        this.properties = properties;
        this.json = json;
    }

    @Operation(summary = "Accept one approved authorization",
            description = "202 with the event id; 400 for malformed fields, 422 for card data (never echoed)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = AuthorizationRequest.class),
                    examples = @ExampleObject(name = "purchase", value = OpenApiDocument.EXAMPLE))))
    @ApiResponse(responseCode = "202", content = @Content(schema = @Schema(implementation = AcceptedAuthorization.class)))
    @PostMapping(value = "/v1/authorizations", consumes = MediaType.APPLICATION_JSON_VALUE)
    public DeferredResult<ResponseEntity<?>> accept(@RequestBody byte[] body,
            @RequestHeader(name = IdempotentExecution.HEADER, required = false) String key,
            @RequestHeader(name = "traceparent", required = false) String traceparent, Authentication caller) {
        if (key != null) {
            var invalidKey = IdempotentExecution.invalidKey(key);
            if (invalidKey.isPresent()) {
                return answered(invalidKey.get());
            }
        }
        // Checked here, stored with the requests of the same few milliseconds (SingleRequestGroups).
        CheckedRequest checked = checker.check(body);
        Entering entering = null;
        ResponseEntity<?> answer;
        switch (checked == null ? null : withSource(checked, SourceCheck.clientOf(caller))) {
            case null -> answer = Problems.invalidBody();
            case CheckedRequest.Invalid invalid -> answer = Problems.invalidFields(invalid.errors(), invalid.cardData());
            case CheckedRequest.Valid valid -> {
                UUID eventId = EventIds.timeOrdered();
                // One authorization, one request: its trace continues the request's (and the caller's).
                entering = acceptance.enter(new Received(eventId, valid.request().toEvent(Instant.now()), null), true,
                        traceparent);
                answer = ResponseEntity.status(HttpStatus.ACCEPTED).body(accepted(valid, eventId));
            }
        }
        if (key == null && entering == null) {
            return answered(answer); // a refusal without a key: nothing to store
        }
        // A refusal with a key is stored too, so that the key answers the same way every time.
        return groups.submit(key == null ? SingleRequest.unkeyed(entering, answer)
                : SingleRequest.keyed(key, IdempotentExecution.sha256(body), idempotent.answerBody(answer), entering,
                        answer));
    }

    private static DeferredResult<ResponseEntity<?>> answered(ResponseEntity<?> answer) {
        var result = new DeferredResult<ResponseEntity<?>>();
        result.setResult(answer);
        return result;
    }

    /** One item of a batch answer: accepted with its event id, or rejected with every problem. */
    public record ItemResult(int index, String authorizationId, String status, UUID eventId, String delivery,
                             List<FieldError> errors) {
    }

    public record BatchResult(int accepted, int rejected, List<ItemResult> results) {
    }

    /** The body of a batch request (for the OpenAPI document; the endpoint reads the raw JSON). */
    public record BatchRequest(List<AuthorizationRequest> authorizations) {
    }

    @Operation(summary = "Accept up to max-batch-size authorizations, with a result per item",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = BatchRequest.class),
                    examples = @ExampleObject(name = "two", value = "{\"authorizations\": [" + OpenApiDocument.EXAMPLE
                            + "]}"))))
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = BatchResult.class)))
    @PostMapping(value = "/v1/authorizations:batch", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> acceptBatch(@RequestBody byte[] body,
                                         @RequestHeader(name = IdempotentExecution.HEADER, required = false) String key,
                                              Authentication caller) {
        String client = SourceCheck.clientOf(caller);
        // checked before the transaction, which then holds only the key's claim and the writes
        return idempotent.run(key, "POST /v1/authorizations:batch", body, () -> checkBatch(body, client));
    }

    /** A batch's per-item answer, and the accepted items' writes; nothing is written here. */
    private IdempotentExecution.Prepared checkBatch(byte[] body, String client) {
        JsonNode items;
        try {
            items = json.readTree(body).get("authorizations");
        } catch (JacksonException | NullPointerException e) {
            return IdempotentExecution.Prepared.answerOnly(Problems.invalidBody());
        }
        if (items == null || !items.isArray() || items.isEmpty()) {
            return IdempotentExecution.Prepared.answerOnly(
                    Problems.badRequest("The body must be {\"authorizations\": [ ... ]} with at least one item."));
        }
        if (items.size() > properties.maxBatchSize()) {
            return IdempotentExecution.Prepared.answerOnly(Problems.of(HttpStatus.CONTENT_TOO_LARGE,
                    "batch-too-large", "Batch too large", "A batch holds at most " + properties.maxBatchSize()
                            + " authorizations; this one has " + items.size()
                            + ". Split it, or upload a file (/v1/ingest-jobs)."));
        }
        Instant now = Instant.now();
        List<ItemResult> results = new ArrayList<>(items.size());
        List<Received> accepted = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            CheckedRequest checked = withSource(checker.check(items.get(i)), client);
            switch (checked) {
                case CheckedRequest.Invalid invalid -> results.add(new ItemResult(i, safeId(items.get(i)),
                        invalid.cardData() ? "REFUSED_CARD_DATA" : "REJECTED", null, null, invalid.errors()));
                case CheckedRequest.Valid valid -> {
                    UUID eventId = EventIds.timeOrdered();
                    accepted.add(new Received(eventId, valid.request().toEvent(now), null));
                    AcceptedAuthorization a = accepted(valid, eventId);
                    results.add(new ItemResult(i, a.authorizationId(), "ACCEPTED", eventId, a.delivery(),
                            List.of()));
                }
            }
        }
        return new IdempotentExecution.Prepared(
                ResponseEntity.ok(new BatchResult(accepted.size(), results.size() - accepted.size(), results)),
                // one trace per authorization, not one per batch
                () -> acceptance.accept(accepted, false, null));
    }

    private CheckedRequest withSource(CheckedRequest checked, String client) {
        if (checked instanceof CheckedRequest.Valid valid) {
            var problem = sources.problem(valid.request().sourceId(), Format.JSON, client);
            if (problem.isPresent()) {
                return new CheckedRequest.Invalid(List.of(problem.get()), false);
            }
        }
        return checked;
    }

    private AcceptedAuthorization accepted(CheckedRequest.Valid valid, UUID eventId) {
        String mode = properties.source(valid.request().sourceId()).orElseThrow().mode().name();
        return new AcceptedAuthorization(valid.request().authorizationId(), eventId, "ACCEPTED", mode);
    }

    /** The item's authorization id when it is a plain, harmless string; never anything that looks like card data. */
    private static String safeId(JsonNode item) {
        JsonNode id = item == null ? null : item.get("authorizationId");
        if (id == null || !id.isString() || !id.asString().matches("[A-Za-z0-9._:-]{1,64}")
                || io.postline.events.PanGuard.containsPan(id.asString())) {
            return null;
        }
        return id.asString();
    }
}
