package io.postline.enrichment.store;

import io.postline.enrichment.domain.AccountRecord;
import io.postline.enrichment.domain.ReferenceLookup;
import io.postline.events.AccountRef;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reference data held in memory, so enriching an event costs no database round trip. */
@Component
public class ReferenceDataCache implements ReferenceLookup, InitializingBean {
    private static final Logger log = LoggerFactory.getLogger(ReferenceDataCache.class);
    private final JdbcTemplate jdbc;
    private volatile Map<String, AccountRecord> byCardToken = Map.of();

    public ReferenceDataCache(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void afterPropertiesSet() {
        refresh();
    }

    /** Reloads everything and swaps it in at once; readers never see a half-loaded map. */
    public void refresh() {
        Map<String, AccountRecord> loaded = new HashMap<>();
        jdbc.query("select c.card_token, a.account_number, a.sort_code, a.currency, a.holder_name, a.product_type, "
                + "a.status from card c join account a on a.account_number = c.account_number", rs -> {
            loaded.put(rs.getString(1), new AccountRecord(new AccountRef(rs.getString(2), rs.getString(3),
                    rs.getString(4).trim(), rs.getString(5), rs.getString(6)),
                    AccountRecord.AccountStatus.valueOf(rs.getString(7))));
        });
        byCardToken = Map.copyOf(loaded);
        log.info("reference data loaded: {} cards", loaded.size());
    }

    @Override
    public Optional<AccountRecord> accountForCard(String cardToken) {
        return Optional.ofNullable(byCardToken.get(cardToken));
    }
}
