package io.postline.enrichment.store;

import io.postline.enrichment.config.EnrichmentProperties;
import io.postline.enrichment.domain.CardRecord;
import io.postline.enrichment.domain.FxRate;
import io.postline.enrichment.domain.ReferenceLookup;
import io.postline.events.AccountRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * All reference data in memory, so enriching an event costs no database round trip. Reloaded whole and
 * swapped in at once (readers never see half a load) after an import here, or when another instance's
 * import bumped {@code reference_data_version}.
 */
@Component
public class ReferenceDataCache implements ReferenceLookup, InitializingBean {
    private static final Logger log = LoggerFactory.getLogger(ReferenceDataCache.class);
    private final JdbcTemplate jdbc;

    private record Snapshot(long version, Map<String, CardRecord> cards, Map<String, List<FxRate>> rates,
                            Map<String, String> categories, Set<String> sortCodes, Set<String> products) {
    }

    private volatile Snapshot snapshot = new Snapshot(-1, Map.of(), Map.of(), Map.of(), Set.of(), Set.of());

    public ReferenceDataCache(JdbcTemplate jdbc, EnrichmentProperties properties) {
        this.jdbc = jdbc;
    }

    @Override
    public void afterPropertiesSet() {
        refresh();
    }

    @Scheduled(fixedDelayString = "${postline.enrichment.cache-check-interval:10s}")
    public void reloadIfChanged() {
        Long version = jdbc.queryForObject("select version from reference_data_version where id = 1", Long.class);
        if (version != null && version != snapshot.version()) {
            refresh();
        }
    }

    public synchronized void refresh() {
        long version = jdbc.queryForObject("select version from reference_data_version where id = 1", Long.class);
        Map<String, CardRecord> cards = new HashMap<>();
        jdbc.query("select c.card_token, c.issuing_country, a.account_number, a.iban, a.sort_code, b.name, a.currency, "
                + "a.status, h.name, h.holder_type, h.segment, p.product_type, p.posting_behaviour "
                + "from card c join account a on a.account_number = c.account_number "
                + "join account_holder h on h.holder_id = a.holder_id "
                + "join bank_product p on p.product_code = a.product_code "
                + "left join branch b on b.sort_code = a.sort_code", rs -> {
                    cards.put(rs.getString(1), new CardRecord(new AccountRef(rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7).trim(), rs.getString(8), rs.getString(9),
                            rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13)),
                            rs.getString(2) == null ? null : rs.getString(2).trim()));
                });
        Map<String, List<FxRate>> rates = new HashMap<>();
        jdbc.query("select base_currency, quote_currency, rate, source, valid_from from fx_rate", rs -> {
            FxRate r = new FxRate(rs.getString(1).trim(), rs.getString(2).trim(), rs.getBigDecimal(3), rs.getString(4),
                    rs.getTimestamp(5).toInstant());
            rates.computeIfAbsent(r.base() + r.quote(), k -> new ArrayList<>()).add(r);
        });
        rates.values().forEach(l -> l.sort(Comparator.comparing(FxRate::validFrom).reversed()));
        Map<String, String> categories = new HashMap<>();
        jdbc.query("select mcc, description from merchant_category", rs -> {
            categories.put(rs.getString(1).trim(), rs.getString(2));
        });
        Set<String> sortCodes = Set.copyOf(jdbc.queryForList("select sort_code from branch", String.class));
        Set<String> products = Set.copyOf(jdbc.queryForList("select product_code from bank_product", String.class));
        snapshot = new Snapshot(version, Map.copyOf(cards), Map.copyOf(rates), Map.copyOf(categories), sortCodes, products);
        log.info("reference data version {} loaded: {} cards, {} FX pairs, {} merchant categories", version,
                cards.size(), rates.size(), categories.size());
    }

    @Override
    public Optional<CardRecord> card(String cardToken) {
        return Optional.ofNullable(snapshot.cards().get(cardToken));
    }

    @Override
    public Optional<FxRate> rate(String from, String to, Instant at) {
        List<FxRate> candidates = snapshot.rates().getOrDefault(from + to, List.of());
        return candidates.stream().filter(r -> !r.validFrom().isAfter(at)).findFirst();
    }

    @Override
    public Optional<String> merchantCategory(String mcc) {
        return Optional.ofNullable(snapshot.categories().get(mcc));
    }

    public Set<String> sortCodes() {
        return snapshot.sortCodes();
    }

    public Set<String> productCodes() {
        return snapshot.products();
    }
}
