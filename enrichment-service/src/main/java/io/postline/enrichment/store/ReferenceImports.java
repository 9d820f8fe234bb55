package io.postline.enrichment.store;

import io.postline.enrichment.domain.ReferenceRows.AccountRow;
import io.postline.enrichment.domain.ReferenceRows.FxRow;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Writes validated import rows (upserts) and bumps the reference-data version. */
@Repository
public class ReferenceImports {
    private final JdbcTemplate jdbc;

    public ReferenceImports(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void upsertAccounts(List<AccountRow> rows) {
        jdbc.batchUpdate("insert into account_holder (holder_id, name, holder_type, segment) values (?, ?, ?, ?) "
                + "on conflict (holder_id) do update set name = excluded.name, holder_type = excluded.holder_type, "
                + "segment = excluded.segment", rows, rows.size(), (ps, r) -> {
                    ps.setString(1, r.holderId());
                    ps.setString(2, r.holderName());
                    ps.setString(3, r.holderType());
                    ps.setString(4, r.segment());
                });
        jdbc.batchUpdate("insert into account (account_number, iban, sort_code, currency, status, holder_id, product_code) "
                + "values (?, ?, ?, ?, ?, ?, ?) on conflict (account_number) do update set iban = excluded.iban, "
                + "sort_code = excluded.sort_code, currency = excluded.currency, status = excluded.status, "
                + "holder_id = excluded.holder_id, product_code = excluded.product_code", rows, rows.size(), (ps, r) -> {
                    ps.setString(1, r.accountNumber());
                    ps.setString(2, r.iban());
                    ps.setString(3, r.sortCode());
                    ps.setString(4, r.currency());
                    ps.setString(5, r.status());
                    ps.setString(6, r.holderId());
                    ps.setString(7, r.productCode());
                });
        List<AccountRow> withCards = rows.stream().filter(r -> r.cardToken() != null).toList();
        jdbc.batchUpdate("insert into card (card_token, account_number, issuing_country) values (?, ?, ?) "
                + "on conflict (card_token) do update set account_number = excluded.account_number, "
                + "issuing_country = excluded.issuing_country", withCards, withCards.size(), (ps, r) -> {
                    ps.setString(1, r.cardToken());
                    ps.setString(2, r.accountNumber());
                    ps.setString(3, r.issuingCountry());
                });
    }

    public void insertRates(List<FxRow> rows) {
        jdbc.batchUpdate("insert into fx_rate (base_currency, quote_currency, rate, source, valid_from) "
                + "values (?, ?, ?, ?, ?) on conflict (base_currency, quote_currency, valid_from) do update set "
                + "rate = excluded.rate, source = excluded.source", rows, rows.size(), (ps, r) -> {
                    ps.setString(1, r.base());
                    ps.setString(2, r.quote());
                    ps.setBigDecimal(3, r.rate());
                    ps.setString(4, r.source());
                    ps.setTimestamp(5, Timestamp.from(r.validFrom()));
                });
    }

    public void bumpVersion() {
        jdbc.update("update reference_data_version set version = version + 1, changed_at = now() where id = 1");
    }
}
