package io.postline.ingest.admission;

import io.micrometer.core.instrument.Counter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets an authorization request through when {@link RequestAdmission} has a place for it, and otherwise
 * answers 503 with {@code Retry-After}: the server is busy, the request was not looked at, and sending it
 * again (with the same Idempotency-Key) is safe. Single requests are not counted: they hold neither a database
 * connection nor a request thread while they wait for their group's commit, and {@code SingleRequestGroups} bounds
 * how many may wait.
 */
public class AdmissionFilter extends OncePerRequestFilter {
    static final Set<String> ADMITTED_PATHS = Set.of("/v1/authorizations:batch");

    private final RequestAdmission admission;
    private final AdmissionProperties properties;
    private final Counter turnedAway;

    public AdmissionFilter(RequestAdmission admission, AdmissionProperties properties, Counter turnedAway) {
        this.admission = admission;
        this.properties = properties;
        this.turnedAway = turnedAway;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !ADMITTED_PATHS.contains(pathOf(request));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!admission.enter(properties.maxWait())) {
            turnedAway.increment();
            turnAway(request, response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            admission.leave();
        }
    }

    private void turnAway(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String problem = """
                {"type":"https://postline.io/problems/overloaded","title":"Too many requests at once","status":503,\
                "detail":"Ingest is already working on %d requests, as many as it takes at once. Nothing of this \
                request was stored. Send it again after Retry-After; with the same Idempotency-Key it takes effect \
                once.","instance":"%s"}""".formatted(admission.limit(), pathOf(request));
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, properties.retryAfter().toSeconds())));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(problem.getBytes(StandardCharsets.UTF_8));
    }

    private static String pathOf(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
