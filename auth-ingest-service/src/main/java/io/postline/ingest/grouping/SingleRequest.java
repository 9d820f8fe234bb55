package io.postline.ingest.grouping;

import io.postline.ingest.AuthorizationAcceptance.Entering;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.ResponseEntity;

/**
 * One checked single request waiting for its group's commit.
 *
 * @param key         its {@code Idempotency-Key}, or null
 * @param requestHash the SHA-256 of its body when it has a key
 * @param answerBody  its answer's body as kept with its key (serialized on the request thread, so the group's
 *                    transaction does not wait for it), or null without a key
 * @param entering    the authorization to store, or null when the request was refused (its answer is then only
 *                    kept under its key)
 * @param answer      what it is answered once its group commits, unless its key answered before
 * @param result      completed with the answer given, or with the group's failure
 */
public record SingleRequest(String key, String requestHash, String answerBody, Entering entering,
                            ResponseEntity<?> answer, CompletableFuture<ResponseEntity<?>> result) {

    /** A request without a key: only its authorization is stored. */
    public static SingleRequest unkeyed(Entering entering, ResponseEntity<?> answer) {
        return new SingleRequest(null, null, null, entering, answer, new CompletableFuture<>());
    }

    /** A request with a key, which is kept with the answer's status and body. */
    public static SingleRequest keyed(String key, String requestHash, String answerBody, Entering entering,
                                      ResponseEntity<?> answer) {
        return new SingleRequest(key, requestHash, answerBody, entering, answer, new CompletableFuture<>());
    }
}
