package io.postline.ingest.api;

import io.postline.ingest.validation.FieldError;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** RFC 9457 problem details of the ingest API; types under https://postline.io/problems/. */
public final class Problems {
    private Problems() {
    }

    public static ResponseEntity<ProblemDetail> of(HttpStatus status, String type, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create("https://postline.io/problems/" + type));
        p.setTitle(title);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    public static ResponseEntity<ProblemDetail> badRequest(String detail) {
        return of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
    }

    public static ResponseEntity<ProblemDetail> invalidBody() {
        return of(HttpStatus.BAD_REQUEST, "invalid-body", "Request body is not valid JSON for this endpoint",
                "The body could not be parsed as JSON.");
    }

    /** 400 for malformed fields, 422 for card data: both list every field, never a value. */
    public static ResponseEntity<ProblemDetail> invalidFields(List<FieldError> errors, boolean cardData) {
        String fields = String.join(", ", errors.stream().map(FieldError::field).distinct().toList());
        ResponseEntity<ProblemDetail> r = cardData
                ? of(HttpStatus.UNPROCESSABLE_CONTENT, "card-data-refused", "Card data is not accepted",
                "These fields look like card numbers and were refused (nothing was stored): " + fields
                        + ". Send card tokens only.")
                : of(HttpStatus.BAD_REQUEST, "invalid-fields", "Request has invalid fields",
                errors.size() + " field(s) are invalid: " + fields);
        r.getBody().setProperty("errors", errors);
        return r;
    }
}
