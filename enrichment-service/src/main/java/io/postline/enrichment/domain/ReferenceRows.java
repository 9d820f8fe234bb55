package io.postline.enrichment.domain;

import io.postline.events.AuthorizationReceived;
import io.postline.events.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates rows of the operator CSV imports, every field, reporting all errors of a row at once.
 * Formats are in docs/operations.md.
 */
public final class ReferenceRows {
    public static final List<String> ACCOUNT_COLUMNS = List.of("account_number", "iban", "sort_code", "currency",
            "status", "holder_id", "holder_name", "holder_type", "segment", "product_code", "card_token",
            "issuing_country");
    public static final List<String> FX_COLUMNS = List.of("base_currency", "quote_currency", "rate", "source",
            "valid_from");
    private static final Pattern ACCOUNT_NUMBER = Pattern.compile("[A-Za-z0-9]{1,34}");
    private static final Pattern SORT_CODE = Pattern.compile("[0-9]{2}-[0-9]{2}-[0-9]{2}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Set<String> STATUSES = Set.of("OPEN", "BLOCKED", "CLOSED");
    private static final Set<String> HOLDER_TYPES = Set.of("PERSONAL", "BUSINESS");

    private ReferenceRows() {
    }

    public record AccountRow(String accountNumber, String iban, String sortCode, String currency, String status,
                             String holderId, String holderName, String holderType, String segment, String productCode,
                             String cardToken, String issuingCountry) {
    }

    public record FxRow(String base, String quote, BigDecimal rate, String source, Instant validFrom) {
    }

    /** A rejected row: its line in the file and every problem with it. */
    public record Reject(long line, List<String> errors) {
    }

    public sealed interface Checked<T> {
        record Valid<T>(T row) implements Checked<T> {
        }

        record Invalid<T>(Reject reject) implements Checked<T> {
        }
    }

    public static Checked<AccountRow> account(long line, List<String> f, Set<String> knownSortCodes,
                                              Set<String> knownProducts) {
        List<String> errors = new ArrayList<>();
        if (f.size() != ACCOUNT_COLUMNS.size()) {
            return new Checked.Invalid<>(new Reject(line, List.of("expected " + ACCOUNT_COLUMNS.size()
                    + " columns, found " + f.size())));
        }
        Map<String, String> v = new java.util.HashMap<>();
        for (int i = 0; i < f.size(); i++) {
            v.put(ACCOUNT_COLUMNS.get(i), f.get(i).isEmpty() ? null : f.get(i));
        }
        v.forEach((column, value) -> check(errors, !io.postline.events.PanGuard.containsPan(value),
                column + " looks like a card number (PAN); card data is not accepted, use a card token"));
        if (!errors.isEmpty()) {
            return new Checked.Invalid<>(new Reject(line, errors)); // nothing else is checked or echoed
        }
        check(errors, v.get("account_number") != null && ACCOUNT_NUMBER.matcher(v.get("account_number")).matches(),
                "account_number must be 1-34 letters or digits");
        check(errors, v.get("iban") == null || Iban.isValid(v.get("iban")), "iban is not valid (shape or check digits)");
        String sortCode = v.get("sort_code");
        check(errors, sortCode == null || SORT_CODE.matcher(sortCode).matches(), "sort_code must be NN-NN-NN");
        check(errors, sortCode == null || !SORT_CODE.matcher(sortCode).matches() || knownSortCodes.contains(sortCode),
                "sort_code " + sortCode + " is not a known branch");
        check(errors, isCurrency(v.get("currency")), "currency must be an ISO 4217 code");
        check(errors, v.get("status") != null && STATUSES.contains(v.get("status")), "status must be OPEN, BLOCKED or CLOSED");
        check(errors, v.get("holder_id") != null && v.get("holder_id").length() <= 35, "holder_id is required (<= 35)");
        check(errors, v.get("holder_name") != null && v.get("holder_name").length() <= 140, "holder_name is required (<= 140)");
        check(errors, v.get("holder_type") != null && HOLDER_TYPES.contains(v.get("holder_type")),
                "holder_type must be PERSONAL or BUSINESS");
        check(errors, v.get("segment") != null && v.get("segment").length() <= 35, "segment is required (<= 35)");
        check(errors, v.get("product_code") != null && knownProducts.contains(v.get("product_code")),
                "product_code must be one of " + knownProducts);
        check(errors, v.get("card_token") == null || AuthorizationReceived.CARD_TOKEN.matches(v.get("card_token")),
                "card_token must be a token of 8-64 of A-Z a-z 0-9 _ -");
        check(errors, v.get("issuing_country") == null || COUNTRY.matcher(v.get("issuing_country")).matches(),
                "issuing_country must be ISO 3166 alpha-2");
        if (!errors.isEmpty()) {
            return new Checked.Invalid<>(new Reject(line, errors));
        }
        return new Checked.Valid<>(new AccountRow(v.get("account_number"), v.get("iban"), sortCode, v.get("currency"),
                v.get("status"), v.get("holder_id"), v.get("holder_name"), v.get("holder_type"), v.get("segment"),
                v.get("product_code"), v.get("card_token"), v.get("issuing_country")));
    }

    public static Checked<FxRow> fx(long line, List<String> f) {
        List<String> errors = new ArrayList<>();
        if (f.size() != FX_COLUMNS.size()) {
            return new Checked.Invalid<>(new Reject(line, List.of("expected " + FX_COLUMNS.size() + " columns, found "
                    + f.size())));
        }
        check(errors, isCurrency(f.get(0)), "base_currency must be an ISO 4217 code");
        check(errors, isCurrency(f.get(1)), "quote_currency must be an ISO 4217 code");
        check(errors, !f.get(0).equals(f.get(1)), "base_currency and quote_currency must differ");
        BigDecimal rate = null;
        try {
            rate = new BigDecimal(f.get(2));
            check(errors, rate.signum() > 0 && rate.precision() - rate.scale() <= 12 && rate.scale() <= 12,
                    "rate must be positive with at most 12 integer and 12 decimal digits");
        } catch (NumberFormatException e) {
            errors.add("rate must be a decimal number");
        }
        check(errors, !f.get(3).isEmpty() && f.get(3).length() <= 35, "source is required (<= 35)");
        Instant validFrom = null;
        try {
            validFrom = Instant.parse(f.get(4));
        } catch (DateTimeParseException e) {
            errors.add("valid_from must be an ISO 8601 instant, e.g. 2026-11-20T16:00:00Z");
        }
        if (!errors.isEmpty()) {
            return new Checked.Invalid<>(new Reject(line, errors));
        }
        return new Checked.Valid<>(new FxRow(f.get(0), f.get(1), rate, f.get(3), validFrom));
    }

    private static boolean isCurrency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            return false;
        }
        try {
            Money.exponentOf(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void check(List<String> errors, boolean ok, String message) {
        if (!ok) {
            errors.add(message);
        }
    }
}
