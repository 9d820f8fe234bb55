package io.postline.iso20022;

import io.postline.events.EntrySide;
import io.postline.events.Merchant;
import io.postline.events.Money;
import io.postline.events.StandardizedTransaction;
import io.postline.events.TransactionType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** Reproducible, varied inputs for the ISO 20022 writers: used by their tests and by the benchmark. */
public final class IsoCorpus {
    /** Exponents 2, 2, 2, 0, 3, 3, 2, 2. */
    public static final String[] CURRENCIES = {"GBP", "EUR", "USD", "JPY", "BHD", "KWD", "CHF", "SEK"};

    private IsoCorpus() {
    }

    /** A varied corpus: every exponent (0, 2, 3), FX and non-FX, names and cities at their limits. */
    public static List<StandardizedTransaction> authorizations(int size, long seed) {
        Random random = new Random(seed);
        List<StandardizedTransaction> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String currency = CURRENCIES[i % CURRENCIES.length];
            String name = random.nextInt(4) == 0 ? "Long Merchant Name & Sons <Wholesale> \"Ltd\" ".repeat(2).strip()
                    : "Merchant " + i;
            String city = random.nextInt(5) == 0 ? "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysilio" : "Zürich";
            Money amount = new Money(1 + random.nextInt(10_000_000), currency);
            Money billing = i % 3 == 0 ? null
                    : new Money(1 + random.nextInt(10_000_000), CURRENCIES[(i + 1) % CURRENCIES.length]);
            BigDecimal rate = billing == null ? null
                    : IsoDecimal.fit(billing.toDecimal().divide(amount.toDecimal(), MathContext.DECIMAL128), 25, 13);
            out.add(new StandardizedTransaction("C-" + i, String.format("%032x", i), "pos-switch",
                    "CTK" + String.format("%06d", i), Integer.toString(10_000 + i),
                    new Merchant("M-" + i, name, String.format("%04d", 5000 + i % 999), city, "CH"), amount, billing,
                    String.format("%06d", i % 1_000_000), String.format("%012d", i), "AP" + String.format("%04d", i % 10_000),
                    Instant.parse("2026-11-20T10:15:30Z").plusSeconds(i),
                    i % 2 == 0 ? String.format("LC%013d", i) : null, rate,
                    TransactionType.values()[i % TransactionType.values().length]));
        }
        return out;
    }

    public static List<CardEntryNotice> cardEntries(int size, long seed) {
        Random random = new Random(seed);
        List<CardEntryNotice> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String accountCcy = CURRENCIES[i % CURRENCIES.length];
            Money amount = new Money(1 + random.nextInt(50_000_000), accountCcy);
            boolean fx = i % 2 == 0;
            Money original = fx ? new Money(1 + random.nextInt(50_000_000),
                    CURRENCIES[(i + 3) % CURRENCIES.length]) : null;
            BigDecimal rate = fx ? amount.toDecimal().divide(original.toDecimal(), MathContext.DECIMAL64) : null;
            out.add(new CardEntryNotice(String.format("%032x", i), Instant.parse("2026-11-20T10:15:32Z"),
                    String.format("%08d", 41_000_000 + i), accountCcy, UUID.nameUUIDFromBytes(("j" + i).getBytes()),
                    "SEQ-" + i, amount, i % 3 == 0 ? EntrySide.CREDIT : EntrySide.DEBIT,
                    Instant.parse("2026-11-20T10:15:31.5Z").plusSeconds(i), "AUTH-" + i, String.format("CTK%06d", i),
                    i % 4 == 0 ? null : String.format("%012d", i), i % 5 == 0 ? null : Instant.parse("2026-11-20T10:15:30Z"),
                    original, rate, i % 7 == 0 ? null : "Merchant " + i + ", London"));
        }
        return out;
    }
}
