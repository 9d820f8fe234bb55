package io.postline.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A reproducible set of authorization request bodies: distinct authorizations, then business duplicates
 * (a new authorization id, every identifying field the same as an earlier one).
 */
final class AuthorizationMix {
    record Request(String authorizationId, String json, String duplicateOf, long amountMinor) {
    }

    private static final String[][] MERCHANTS = {
            {"M-1001", "Corner Coffee", "5814", "London"}, {"M-1002", "City Grocers", "5411", "Manchester"},
            {"M-1003", "Rail Tickets", "4111", "Leeds"}, {"M-1004", "Book Nook", "5942", "Bristol"},
            {"M-1005", "Fuel Stop", "5541", "Glasgow"}};

    private AuthorizationMix() {
    }

    static List<Request> of(int unique, int duplicates, long seed) {
        return of(unique, duplicates, seed, 0);
    }

    /** As {@link #of(int, int, long)}, numbered from {@code first}: sets with distinct ranges share nothing. */
    static List<Request> of(int unique, int duplicates, long seed, int first) {
        Random random = new Random(seed);
        List<Request> requests = new ArrayList<>(unique + duplicates);
        for (int i = first; i < first + unique; i++) {
            String[] m = MERCHANTS[random.nextInt(MERCHANTS.length)];
            String id = String.format("SYS-%05d", i);
            long minor = 100 + random.nextInt(100_000);
            requests.add(new Request(id, body(id, String.format("CTK%06d", 1 + i % 500), m, minor,
                    String.format("%06d", i), String.format("%012d", 700_000_000L + i)), null, minor));
        }
        for (int d = 0; d < duplicates; d++) {
            Request original = requests.get(d * (unique / duplicates));
            String id = String.format("SYS-DUP-%05d", first + d);
            requests.add(new Request(id, original.json().replace("\"" + original.authorizationId() + "\"", "\"" + id + "\""),
                    original.authorizationId(), original.amountMinor()));
        }
        return requests;
    }

    private static String body(String id, String token, String[] m, long minor, String stan, String rrn) {
        return """
                {"authorizationId":"%s","sourceId":"pos-switch","cardToken":"%s","acquirerId":"40001234",
                 "merchant":{"merchantId":"%s","name":"%s","mcc":"%s","city":"%s","country":"GB"},
                 "amount":{"amountMinor":%d,"currency":"GBP"},"stan":"%s","rrn":"%s","approvalCode":"A1B2C3",
                 "transmissionTime":"2026-11-21T10:00:00Z"}""".formatted(id, token, m[0], m[1], m[2], m[3], minor, stan, rrn);
    }
}
