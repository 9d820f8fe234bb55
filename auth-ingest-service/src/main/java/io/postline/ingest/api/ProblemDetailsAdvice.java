package io.postline.ingest.api;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.DatabindException;

/**
 * RFC 9457 problem details for every bad request. Messages name fields, never echo their values: a
 * request could carry card data where it should not.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {
    static final URI INVALID_BODY = URI.create("https://postline.io/problems/invalid-body");
    static final URI INVALID_FIELDS = URI.create("https://postline.io/problems/invalid-fields");

    public record FieldError(String field, String message) {
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        problem.setType(INVALID_BODY);
        problem.setTitle("Request body is not valid JSON for this endpoint");
        if (ex.getCause() instanceof DatabindException db && !db.getPath().isEmpty()) {
            String field = jsonPath(db);
            problem.setDetail("The value of '" + field + "' has the wrong type or format.");
            problem.setProperty("errors", List.of(new FieldError(field, "has the wrong type or format")));
        } else {
            problem.setDetail("The body could not be parsed as JSON.");
        }
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(e -> new FieldError(e.getField().replace(".isoCurrency", ".currency"), e.getDefaultMessage()))
                .sorted(Comparator.comparing(FieldError::field)).toList();
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        problem.setType(INVALID_FIELDS);
        problem.setTitle("Request has invalid fields");
        problem.setDetail(errors.size() + " field(s) are invalid: "
                + String.join(", ", errors.stream().map(FieldError::field).distinct().toList()));
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    /** A rule the request shape cannot express (checked by the event itself). */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> invalidContent(IllegalArgumentException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
        problem.setType(INVALID_FIELDS);
        problem.setTitle("Request has invalid fields");
        return ResponseEntity.badRequest().body(problem);
    }

    private static String jsonPath(DatabindException db) {
        StringBuilder sb = new StringBuilder();
        for (var ref : db.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

}
