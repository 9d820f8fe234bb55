package io.postline.enrichment.api;

import io.postline.enrichment.domain.CsvLine;
import io.postline.enrichment.domain.ReferenceRows;
import io.postline.enrichment.domain.ReferenceRows.Checked;
import io.postline.enrichment.domain.ReferenceRows.Reject;
import io.postline.enrichment.store.ReferenceDataCache;
import io.postline.enrichment.store.ReferenceImports;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Streams an operator's CSV, validates every row, writes the valid ones in one transaction and reloads
 * the cache. A file is read line by line, never whole.
 */
@Service
public class ReferenceDataImport {
    private static final int MAX_REJECTS_REPORTED = 1000;
    private final ReferenceImports imports;
    private final ReferenceDataCache cache;
    private final TransactionTemplate tx;

    public ReferenceDataImport(ReferenceImports imports, ReferenceDataCache cache, TransactionTemplate tx) {
        this.imports = imports;
        this.cache = cache;
        this.tx = tx;
    }

    /** What an import did: rows accepted, rows rejected, and why (by line). */
    public record Report(long accepted, long rejected, List<Reject> rejects) {
    }

    public Report accounts(InputStream csv) throws IOException {
        var sortCodes = cache.sortCodes();
        var products = cache.productCodes();
        return importRows(csv, ReferenceRows.ACCOUNT_COLUMNS,
                (line, fields) -> ReferenceRows.account(line, fields, sortCodes, products), imports::upsertAccounts);
    }

    public Report fxRates(InputStream csv) throws IOException {
        return importRows(csv, ReferenceRows.FX_COLUMNS, ReferenceRows::fx, imports::insertRates);
    }

    private <T> Report importRows(InputStream csv, List<String> columns,
                                  BiFunction<Long, List<String>, Checked<T>> check, Consumer<List<T>> write)
            throws IOException {
        List<T> valid = new ArrayList<>();
        List<Reject> rejects = new ArrayList<>();
        long rejected = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            if (header == null || !CsvLine.split(header.replace("\uFEFF", "")).equals(columns)) {
                return new Report(0, 1, List.of(new Reject(1, List.of("the header must be: " + String.join(",", columns)))));
            }
            long line = 1;
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                switch (check.apply(line, CsvLine.split(text))) {
                    case Checked.Valid<T> v -> valid.add(v.row());
                    case Checked.Invalid<T> i -> {
                        rejected++;
                        if (rejects.size() < MAX_REJECTS_REPORTED) {
                            rejects.add(i.reject());
                        }
                    }
                }
            }
        }
        if (!valid.isEmpty()) {
            tx.executeWithoutResult(status -> {
                write.accept(valid);
                imports.bumpVersion();
            });
            cache.refresh();
        }
        return new Report(valid.size(), rejected, rejects);
    }
}
