package io.postline.enrichment.domain;

import io.postline.events.AccountRef;

/** A card token as reference data knows it: the account it draws on and the country that issued it. */
public record CardRecord(AccountRef account, String issuingCountry) {
}
