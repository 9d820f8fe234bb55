package io.postline.enrichment.domain;

import java.math.BigDecimal;
import java.time.Instant;

/** 1 unit of {@code base} = {@code rate} units of {@code quote}, from {@code validFrom} on. */
public record FxRate(String base, String quote, BigDecimal rate, String source, Instant validFrom) {
}
