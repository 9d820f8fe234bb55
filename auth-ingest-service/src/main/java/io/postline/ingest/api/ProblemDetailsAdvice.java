package io.postline.ingest.api;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * RFC 9457 problem details for the bad requests Spring itself turns away, in the ingest API's own types.
 * Bodies arrive as bytes and {@code RequestChecker} reads them, so Spring never binds JSON here; what it
 * can still refuse is a missing body. Messages name fields, never echo their values: a request could carry
 * card data where it should not.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        ResponseEntity<ProblemDetail> problem = Problems.invalidBody();
        return new ResponseEntity<>(problem.getBody(), problem.getHeaders(), problem.getStatusCode());
    }

    /** A rule the request shape cannot express (checked by the event itself). */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> invalidContent(IllegalArgumentException ex) {
        return Problems.of(HttpStatus.BAD_REQUEST, "invalid-fields", "Request has invalid fields", ex.getMessage());
    }
}
