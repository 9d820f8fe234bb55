package io.postline.stage.runtime;

import io.postline.events.AuthorizationReceived;
import io.postline.events.AuthorizationUnique;
import io.postline.events.Topic;
import io.postline.stage.InboundEvent;
import io.postline.stage.StageHandler;
import io.postline.stage.StageOutput;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A minimal stage for testing the runtime: forwards received authorizations, fails on a marker. */
@SpringBootApplication
public class EchoStageApplication {

    /** Endpoints of each kind the security policy tells apart. */
    @org.springframework.web.bind.annotation.RestController
    static class EchoEndpoints {
        @org.springframework.web.bind.annotation.GetMapping("/v1/echo")
        String read() {
            return "read";
        }

        @org.springframework.web.bind.annotation.GetMapping("/v1/echo/{id}")
        String one(@org.springframework.web.bind.annotation.PathVariable java.util.UUID id) {
            return id.toString();
        }

        @org.springframework.web.bind.annotation.PostMapping("/v1/echo/body")
        String body(@org.springframework.web.bind.annotation.RequestBody String body) {
            return body;
        }

        @org.springframework.web.bind.annotation.PostMapping("/v1/echo")
        String write() {
            return "write";
        }

        @org.springframework.web.bind.annotation.PostMapping("/v1/authorizations")
        String ingest() {
            return "ingest";
        }
    }

    static final String FAIL_MARKER = "EXPLODE";
    /** Authorizations whose failure has been "fixed": a test adds one before replaying its dead letter. */
    static final Set<String> FIXED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The stage (and consumer group) name: a test that must not share the group with another sets its own. */
    @Bean
    StageHandler echo(@org.springframework.beans.factory.annotation.Value("${echo.stage-name:echo}") String name,
                      @org.springframework.beans.factory.annotation.Value("${echo.batch-delay:0ms}")
                      java.time.Duration batchDelay) {
        return new StageHandler() {
            @Override
            public String stageName() {
                return name;
            }

            @Override
            public Set<Topic> consumes() {
                return Set.of(Topic.AUTHORIZATION_RECEIVED);
            }

            @Override
            public void handle(List<InboundEvent> events, StageOutput output) {
                if (!batchDelay.isZero()) { // a slow domain step, so a test can stop the stage mid-batch
                    java.util.concurrent.locks.LockSupport.parkNanos(batchDelay.toNanos());
                }
                for (InboundEvent e : events) {
                    AuthorizationReceived r = (AuthorizationReceived) e.payload();
                    if (r.merchant().name().equals(FAIL_MARKER) && !FIXED.contains(r.authorizationId())) {
                        throw new IllegalStateException("the domain step cannot handle " + r.authorizationId());
                    }
                    output.emit(e, new AuthorizationUnique(r.authorizationId(), r, Instant.now()));
                }
            }
        };
    }
}
