package io.postline.ingest.grouping;

import io.postline.ingest.AuthorizationAcceptance.Entering;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.ResponseEntity;

/**
 * One checked single request waiting for its group's commit.
 *
 * @param key         its {@code Idempotency-Key}, or null
 * @param requestHash the SHA-256 of its body when it has a key
 * @param entering    the authorization to store, or null when the request was refused (its answer is then only
 *                    kept under its key)
 * @param answer      what it is answered once its group commits, unless its key answered before
 * @param result      completed with the answer given, or with the group's failure
 */
public record SingleRequest(String key, String requestHash, Entering entering, ResponseEntity<?> answer,
                            CompletableFuture<ResponseEntity<?>> result) {

    public static SingleRequest of(String key, String requestHash, Entering entering, ResponseEntity<?> answer) {
        return new SingleRequest(key, requestHash, entering, answer, new CompletableFuture<>());
    }
}
