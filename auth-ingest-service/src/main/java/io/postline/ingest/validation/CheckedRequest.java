package io.postline.ingest.validation;

import io.postline.ingest.api.AuthorizationRequest;
import java.util.List;

/** A request after checking: valid, or refused with every field's problem. */
public sealed interface CheckedRequest {

    record Valid(AuthorizationRequest request) implements CheckedRequest {
    }

    /**
     * @param cardData true when the refusal is because a field holds what looks like a card number (422);
     *                 otherwise the fields are malformed (400)
     */
    record Invalid(List<FieldError> errors, boolean cardData) implements CheckedRequest {
        public Invalid {
            errors = List.copyOf(errors);
        }
    }
}
