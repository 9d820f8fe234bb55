package io.postline.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The benchmarks' authorization mix, deterministic for a seed: 92 % GBP cards and 8 % EUR cards, purchases
 * in GBP, EUR, USD and JPY (so FX conversions), seven MCCs, and about 2 % business duplicates (the same
 * purchase again under a new authorization id).
 */
final class BenchmarkAuthorizations {
    private static final String[] CURRENCIES = {"GBP", "GBP", "GBP", "GBP", "GBP", "GBP", "GBP", "EUR", "USD", "JPY"};
    private static final String[] MCCS = {"5411", "5814", "5812", "5999", "4111", "5732", "5311"};

    /**
     * One authorization: its id, the fields in the CSV column order after the id, and for a business duplicate the
     * id of the authorization it repeats (null for an original).
     */
    record Authorization(String authorizationId, String cardToken, String merchantId, String merchantName,
                         String mcc, long amountMinor, String currency, String stan, String rrn, String approvalCode,
                         String transmissionTime, String duplicateOf) {

        boolean duplicate() {
            return duplicateOf != null;
        }

        String csv() {
            return String.join(",", authorizationId, cardToken, "40001234", merchantId, merchantName, mcc, "London",
                    "GB", Long.toString(amountMinor), currency, stan, rrn, approvalCode, transmissionTime);
        }

        String json(String sourceId) {
            return "{\"authorizationId\":\"" + authorizationId + "\",\"sourceId\":\"" + sourceId
                    + "\",\"cardToken\":\"" + cardToken + "\",\"acquirerId\":\"40001234\",\"merchant\":{\"merchantId\":\""
                    + merchantId + "\",\"name\":\"" + merchantName + "\",\"mcc\":\"" + mcc
                    + "\",\"city\":\"London\",\"country\":\"GB\"},\"amount\":{\"amountMinor\":" + amountMinor
                    + ",\"currency\":\"" + currency + "\"},\"stan\":\"" + stan + "\",\"rrn\":\"" + rrn
                    + "\",\"approvalCode\":\"" + approvalCode + "\",\"transmissionTime\":\"" + transmissionTime + "\"}";
        }
    }

    static final String CSV_HEADER = "authorizationId,cardToken,acquirerId,merchantId,merchantName,mcc,merchantCity,"
            + "merchantCountry,amountMinor,currency,stan,rrn,approvalCode,transmissionTime";

    private final SplittableRandom random;
    private final String idPrefix;
    private final List<Authorization> recent = new ArrayList<>();
    private int next;

    BenchmarkAuthorizations(long seed, String idPrefix) {
        this.random = new SplittableRandom(seed);
        this.idPrefix = idPrefix;
    }

    Authorization next() {
        int i = next++;
        String id = idPrefix + String.format("%08d", i);
        if (!recent.isEmpty() && random.nextInt(100) < 2) {
            Authorization original = recent.get(random.nextInt(recent.size()));
            return new Authorization(id, original.cardToken(), original.merchantId(), original.merchantName(),
                    original.mcc(), original.amountMinor(), original.currency(), original.stan(), original.rrn(),
                    original.approvalCode(), original.transmissionTime(), original.authorizationId());
        }
        int card = random.nextInt(100) < 8 ? 501 + random.nextInt(50) : 1 + random.nextInt(500);
        String currency = CURRENCIES[random.nextInt(CURRENCIES.length)];
        long amount = currency.equals("JPY") ? 100 + random.nextInt(20_000) : 100 + random.nextInt(50_000);
        int second = i % 86_400;
        Authorization a = new Authorization(id, String.format("CTK%06d", card),
                String.format("M-%05d", random.nextInt(5000)), "Shop " + (i % 97), MCCS[random.nextInt(MCCS.length)],
                amount, currency, String.format("%06d", i % 1_000_000), String.format("%012d", i),
                String.format("A%05d", i % 100_000),
                String.format("2026-11-21T%02d:%02d:%02dZ", second / 3600, second / 60 % 60, second % 60), null);
        if (recent.size() < 1000) {
            recent.add(a);
        } else {
            recent.set(random.nextInt(1000), a);
        }
        return a;
    }
}
