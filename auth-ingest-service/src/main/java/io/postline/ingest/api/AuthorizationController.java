package io.postline.ingest.api;

import io.postline.ingest.AuthorizationAcceptance;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/authorizations")
public class AuthorizationController {
    private final AuthorizationAcceptance acceptance;

    public AuthorizationController(AuthorizationAcceptance acceptance) {
        this.acceptance = acceptance;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    public AcceptedAuthorization accept(@Valid @RequestBody AuthorizationRequest request,
                                        @RequestHeader(name = "traceparent", required = false) String traceparent) {
        UUID eventId = acceptance.accept(request.toEvent(Instant.now()), traceparent);
        return new AcceptedAuthorization(request.authorizationId(), eventId, "ACCEPTED");
    }
}
