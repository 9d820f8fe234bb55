package io.postline.ingest.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RequestAdmissionTest {

    @Test
    void admitsUpToItsLimitAndTurnsAwayTheNextOnceTheWaitHasPassed() {
        RequestAdmission admission = new RequestAdmission(2);

        assertThat(admission.enter(Duration.ZERO)).isTrue();
        assertThat(admission.enter(Duration.ZERO)).isTrue();
        assertThat(admission.inFlight()).isEqualTo(2);
        assertThat(admission.enter(Duration.ofMillis(50))).isFalse();

        admission.leave();
        assertThat(admission.inFlight()).isEqualTo(1);
        assertThat(admission.enter(Duration.ZERO)).isTrue();
    }

    @Test
    void aWaitingRequestGetsThePlaceFreedWhileItWaits() throws Exception {
        RequestAdmission admission = new RequestAdmission(1);
        assertThat(admission.enter(Duration.ZERO)).isTrue();

        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> admission.enter(Duration.ofSeconds(30)));
        admission.leave();

        assertThat(waiting.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(admission.inFlight()).isEqualTo(1);
    }

    @Test
    void anInterruptedWaitIsNotAdmittedAndKeepsTheInterrupt() {
        RequestAdmission admission = new RequestAdmission(1);
        assertThat(admission.enter(Duration.ZERO)).isTrue();

        Thread.currentThread().interrupt();
        try {
            assertThat(admission.enter(Duration.ofSeconds(30))).isFalse();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void refusesALimitBelowOne() {
        assertThatThrownBy(() -> new RequestAdmission(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
