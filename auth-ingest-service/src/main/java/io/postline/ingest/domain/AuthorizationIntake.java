package io.postline.ingest.domain;

import io.postline.events.AuthorizationReceived;
import io.postline.events.Merchant;
import io.postline.events.Money;
import io.postline.ingest.api.AuthorizationRequest;
import java.time.Instant;

/** Turns a validated request into the {@code payments.authorization.received} event. */
public final class AuthorizationIntake {
    private AuthorizationIntake() {
    }

    public static AuthorizationReceived toEvent(AuthorizationRequest r, Instant receivedAt) {
        var m = r.merchant();
        return new AuthorizationReceived(r.authorizationId(), r.sourceId(), r.cardToken(), r.acquirerId(),
                new Merchant(m.merchantId(), m.name(), m.mcc(), m.city(), m.country()), money(r.amount()),
                r.billingAmount() == null ? null : money(r.billingAmount()), r.stan(), r.rrn(), r.approvalCode(),
                r.transmissionTime(), receivedAt);
    }

    private static Money money(AuthorizationRequest.MoneyBody body) {
        return new Money(body.amountMinor(), body.currency());
    }
}
