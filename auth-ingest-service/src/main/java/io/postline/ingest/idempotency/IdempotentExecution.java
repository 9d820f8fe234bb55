package io.postline.ingest.idempotency;

import io.postline.ingest.api.Problems;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * Runs a request's work once per {@code Idempotency-Key}: the same key with the same body gets the first
 * answer again (with {@code Idempotent-Replayed: true}); the same key with another body gets 409. Without a
 * key the work simply runs. The key, its answer and the work's writes commit in one transaction.
 */
@Component
public class IdempotentExecution {
    public static final String HEADER = "Idempotency-Key";
    private final IdempotencyKeys keys;
    private final TransactionTemplate tx;
    private final ObjectMapper json;

    public IdempotentExecution(IdempotencyKeys keys, TransactionTemplate tx, ObjectMapper json) {
        this.keys = keys;
        this.tx = tx;
        this.json = json;
    }

    /**
     * A request's answer and the writes that make it true. Both are worked out before the transaction (parsing,
     * checking, event ids), so that the transaction holds the key's row only for the writes.
     */
    public record Prepared(ResponseEntity<?> answer, Runnable writes) {
        private static final Runnable NO_WRITES = () -> {
        };

        /** An answer that writes nothing but its key, if it has one (a refusal is kept with its key all the same). */
        public static Prepared answerOnly(ResponseEntity<?> answer) {
            return new Prepared(answer, NO_WRITES);
        }

        boolean writesNothing() {
            return writes == NO_WRITES;
        }
    }

    public ResponseEntity<?> run(String key, String endpoint, byte[] body, Supplier<Prepared> prepare) {
        if (key == null) {
            Prepared prepared = prepare.get();
            if (!prepared.writesNothing()) {
                tx.executeWithoutResult(status -> prepared.writes().run());
            }
            return prepared.answer();
        }
        Optional<ResponseEntity<?>> invalid = invalidKey(key);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        String hash = sha256(body);
        Prepared prepared = prepare.get();
        // the answer is known, so the key is stored with it in the claim: no second statement
        var claiming = new IdempotencyKeys.Claiming(key, hash, prepared.answer().getStatusCode().value(),
                answerBody(prepared.answer()));
        return tx.execute(status -> switch (keys.claimAll(endpoint, List.of(claiming)).get(key)) {
            case IdempotencyKeys.Claim.Claimed c -> {
                prepared.writes().run();
                yield prepared.answer();
            }
            case IdempotencyKeys.Claim.Answered a -> earlierAnswer(a);
            case IdempotencyKeys.Claim.OtherRequest o -> keyReused();
        });
    }

    /** The problem for a key that cannot be one (blank, too long, or looking like a card number), if it is so. */
    public static Optional<ResponseEntity<?>> invalidKey(String key) {
        if (key.isBlank() || key.length() > 255) {
            return Optional.of(Problems.badRequest("The Idempotency-Key header must be 1 to 255 characters."));
        }
        if (io.postline.events.PanGuard.containsPan(key)) {
            return Optional.of(Problems.invalidFields(java.util.List.of(new io.postline.ingest.validation.FieldError(
                    HEADER, "looks like a card number (PAN); card data is not accepted")), true));
        }
        return Optional.empty();
    }

    /** The answer a key's first request got, given again. */
    public static ResponseEntity<?> earlierAnswer(IdempotencyKeys.Claim.Answered a) {
        return ResponseEntity.status(a.status())
                .contentType(a.status() >= 400 ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.APPLICATION_JSON)
                .header("Idempotent-Replayed", "true").body(a.response());
    }

    public static ResponseEntity<?> keyReused() {
        return Problems.of(HttpStatus.CONFLICT, "idempotency-key-reused", "Idempotency-Key reused",
                "This Idempotency-Key was used with a different request body; use a new key for a new request.");
    }

    /** An answer's body as it is kept with its key. */
    public String answerBody(ResponseEntity<?> answer) {
        return json.writeValueAsString(answer.getBody());
    }

    public static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
