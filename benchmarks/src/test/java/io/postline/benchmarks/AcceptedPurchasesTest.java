package io.postline.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AcceptedPurchasesTest {

    @Test
    void everythingAcceptedCountsAsTheMixWasGenerated() {
        var mix = new BenchmarkAuthorizations(7, "P-");
        var purchases = new AcceptedPurchases();
        List<String> ids = new ArrayList<>();
        long duplicates = 0;
        for (int i = 0; i < 5_000; i++) {
            var a = purchases.sent(mix.next());
            ids.add(a.authorizationId());
            duplicates += a.duplicate() ? 1 : 0;
        }

        long fresh = purchases.accepted(ids);

        assertThat(duplicates).isBetween(50L, 150L); // about 2 %
        assertThat(purchases.duplicates()).isEqualTo(duplicates);
        assertThat(purchases.unique()).isEqualTo(fresh).isEqualTo(5_000 - duplicates);
        assertThat(purchases.total()).isEqualTo(5_000);
    }

    @Test
    void aDuplicateWhoseOriginalWasRefusedIsTheFirstOfItsPurchase() {
        var mix = new BenchmarkAuthorizations(7, "P-");
        var purchases = new AcceptedPurchases();
        List<BenchmarkAuthorizations.Authorization> sent = new ArrayList<>();
        BenchmarkAuthorizations.Authorization duplicate = null;
        while (duplicate == null) {
            var a = purchases.sent(mix.next());
            sent.add(a);
            duplicate = a.duplicate() ? a : null;
        }
        String original = duplicate.duplicateOf();
        List<String> acceptedWithoutOriginal = sent.stream().map(BenchmarkAuthorizations.Authorization::authorizationId)
                .filter(id -> !id.equals(original)).toList();

        long fresh = purchases.accepted(acceptedWithoutOriginal);

        assertThat(fresh).isEqualTo(sent.size() - 1);
        assertThat(purchases.duplicates()).isZero();
        // Accepted after all (each id counts once over a run), the original is then the repeat of its purchase.
        assertThat(purchases.accepted(List.of(original))).isZero();
        assertThat(purchases.duplicates()).isEqualTo(1);
        assertThat(purchases.unique()).isEqualTo(sent.size() - 1);
    }
}
