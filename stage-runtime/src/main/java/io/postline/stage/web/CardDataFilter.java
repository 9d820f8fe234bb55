package io.postline.stage.web;

import io.postline.events.PanGuard;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * PCI guard in front of every service's API: a request whose path, query parameters, headers or (for
 * operator endpoints) body hold what looks like a card number is refused with 422 before any code sees it,
 * so it is neither stored, published, logged nor echoed. The problem names where, never the value. Ingest
 * endpoints check their bodies field by field themselves (and may tokenize PANs of configured sources), so
 * their bodies are left to them.
 */
public class CardDataFilter extends OncePerRequestFilter {
    private static final Set<String> SKIPPED_HEADERS = Set.of("authorization", "cookie");
    private static final int MAX_SCANNED_BODY = 1 << 20;
    private final List<String> ingestPaths;

    public CardDataFilter(List<String> ingestPaths) {
        this.ingestPaths = List.copyOf(ingestPaths);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String where = null;
        if (PanGuard.containsPan(request.getRequestURI())) {
            where = "the path";
        }
        if (where == null && request.getQueryString() != null) {
            for (var p : request.getParameterMap().entrySet()) {
                for (String v : p.getValue()) {
                    if (PanGuard.containsPan(v) || PanGuard.containsPan(p.getKey())) {
                        where = "query parameter '" + safe(p.getKey()) + "'";
                    }
                }
            }
        }
        if (where == null) {
            for (String name : Collections.list(request.getHeaderNames())) {
                if (!SKIPPED_HEADERS.contains(name.toLowerCase()) && Collections.list(request.getHeaders(name)).stream()
                        .anyMatch(PanGuard::containsPan)) {
                    where = "header '" + safe(name) + "'";
                }
            }
        }
        HttpServletRequest forward = request;
        if (where == null && !isIngest(request) && request.getContentLengthLong() != 0
                && request.getContentLengthLong() <= MAX_SCANNED_BODY) {
            byte[] body = request.getInputStream().readNBytes(MAX_SCANNED_BODY);
            if (containsPanByLine(body)) {
                where = "the body";
            }
            forward = new ReplayedBody(request, body);
        }
        if (where != null) {
            response.setStatus(422);
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"type\":\"https://postline.io/problems/card-data-refused\","
                    + "\"title\":\"Card data is not accepted\",\"status\":422,\"detail\":\"The request was refused, "
                    + "nothing of it was kept: " + where + " holds what looks like a card number. Use card tokens.\"}");
            return;
        }
        chain.doFilter(forward, response);
    }

    private boolean isIngest(HttpServletRequest request) {
        String path = request.getRequestURI();
        return ingestPaths.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
    }

    private static boolean containsPanByLine(byte[] body) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (PanGuard.containsPan(line)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A name to put in the answer: never itself card data. */
    private static String safe(String name) {
        return PanGuard.containsPan(name) ? "(a name)" : name.replaceAll("[^A-Za-z0-9._-]", "?");
    }

    /** The request with its body read once for the check and served again to the application. */
    private static final class ReplayedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        ReplayedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    try { // the whole body is already in memory: it is available and complete at once
                        listener.onDataAvailable();
                        listener.onAllDataRead();
                    } catch (IOException e) {
                        listener.onError(e);
                    }
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
