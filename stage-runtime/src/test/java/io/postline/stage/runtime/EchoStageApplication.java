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
    static final String FAIL_MARKER = "EXPLODE";

    @Bean
    StageHandler echo() {
        return new StageHandler() {
            @Override
            public String stageName() {
                return "echo";
            }

            @Override
            public Set<Topic> consumes() {
                return Set.of(Topic.AUTHORIZATION_RECEIVED);
            }

            @Override
            public void handle(List<InboundEvent> events, StageOutput output) {
                for (InboundEvent e : events) {
                    AuthorizationReceived r = (AuthorizationReceived) e.payload();
                    if (r.merchant().name().equals(FAIL_MARKER)) {
                        throw new IllegalStateException("the domain step cannot handle " + r.authorizationId());
                    }
                    output.emit(e, new AuthorizationUnique(r.authorizationId(), r, Instant.now()));
                }
            }
        };
    }
}
