package io.postline.ingest.grouping;

import io.postline.ingest.AuthorizationAcceptance;
import io.postline.ingest.AuthorizationAcceptance.Entering;
import io.postline.ingest.idempotency.IdempotencyKeys;
import io.postline.ingest.idempotency.IdempotencyKeys.Claim;
import io.postline.ingest.idempotency.IdempotentExecution;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a group of single requests in one transaction: their keys claimed together with their answers, and
 * their authorizations accepted, each as one statement for the group. The group must not hold one key twice.
 */
@Component
public class GroupCommit {
    /** The endpoint the keys of single requests are kept under. */
    public static final String ENDPOINT = "POST /v1/authorizations";
    private final AuthorizationAcceptance acceptance;
    private final IdempotencyKeys keys;
    private final TransactionTemplate tx;

    public GroupCommit(AuthorizationAcceptance acceptance, IdempotencyKeys keys, TransactionTemplate tx) {
        this.acceptance = acceptance;
        this.keys = keys;
        this.tx = tx;
    }

    /** The answers, in the group's order, once the group has committed. */
    public List<ResponseEntity<?>> store(List<SingleRequest> group) {
        return tx.execute(status -> {
            // A single request's answer is known before it is stored, so its key is claimed with it: no update.
            Map<String, IdempotencyKeys.Claiming> claimings = new HashMap<>();
            group.stream().filter(r -> r.key() != null).forEach(r -> {
                var claiming = new IdempotencyKeys.Claiming(r.key(), r.requestHash(),
                        r.answer().getStatusCode().value(), r.answerBody());
                if (claimings.put(r.key(), claiming) != null) {
                    throw new IllegalArgumentException("a group holds the key " + r.key() + " twice");
                }
            });
            Map<String, Claim> claims = claimings.isEmpty() ? Map.of()
                    : keys.claimAll(ENDPOINT, List.copyOf(claimings.values()));
            List<Entering> accepted = new ArrayList<>(group.size());
            List<ResponseEntity<?>> results = new ArrayList<>(group.size());
            for (SingleRequest request : group) {
                Claim claim = request.key() == null ? new Claim.Claimed() : claims.get(request.key());
                results.add(switch (claim) {
                    case Claim.Claimed c -> {
                        if (request.entering() != null) {
                            accepted.add(request.entering());
                        }
                        yield request.answer();
                    }
                    case Claim.Answered a -> IdempotentExecution.earlierAnswer(a);
                    case Claim.OtherRequest o -> IdempotentExecution.keyReused();
                });
            }
            acceptance.acceptEntering(accepted);
            return results;
        });
    }
}
