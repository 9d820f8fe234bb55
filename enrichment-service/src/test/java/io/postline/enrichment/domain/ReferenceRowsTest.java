package io.postline.enrichment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReferenceRowsTest {
    @ParameterizedTest
    @CsvSource({"GB33PSTL20320641000042,false", "GB82WEST12345698765432,true", "GB82WEST12345698765433,false",
            "DE89370400440532013000,true", "IE29AIBK93115212345678,true", "gb82west12345698765432,false", "GB82,false"})
    void ibanCheckDigits(String iban, boolean valid) {
        assertThat(Iban.isValid(iban)).isEqualTo(valid);
    }

    @Test
    void everyBadFieldOfARowIsReportedAtOnce() {
        List<String> row = CsvLine.split("4100X!,GB82WEST12345698765433,20-3206,XYZ,FROZEN,H1,\"Smith, J.\",ALIEN,RETAIL,NOPE,ab,gbr");
        var checked = ReferenceRows.account(7, row, Set.of("20-32-06"), Set.of("PCA"));
        assertThat(checked).isInstanceOfSatisfying(ReferenceRows.Checked.Invalid.class, i -> {
            assertThat(i.reject().line()).isEqualTo(7);
            assertThat(i.reject().errors()).hasSize(9).anyMatch(e -> e.startsWith("iban"))
                    .anyMatch(e -> e.startsWith("sort_code must be NN-NN-NN")).anyMatch(e -> e.startsWith("currency"))
                    .anyMatch(e -> e.startsWith("status")).anyMatch(e -> e.startsWith("holder_type"))
                    .anyMatch(e -> e.startsWith("product_code")).anyMatch(e -> e.startsWith("card_token"))
                    .anyMatch(e -> e.startsWith("issuing_country")).anyMatch(e -> e.startsWith("account_number"));
        });
    }

    @Test
    void aCardNumberInAnyColumnRejectsTheRowWithoutEchoingIt() {
        var checked = ReferenceRows.account(4, CsvLine.split(
                "41007777,GB82WEST12345698765432,20-32-06,GBP,OPEN,H7777,Jane,PERSONAL,RETAIL,PCA,4111111111111111,GB"),
                Set.of("20-32-06"), Set.of("PCA"));
        assertThat(checked).isInstanceOfSatisfying(ReferenceRows.Checked.Invalid.class, i -> assertThat(
                i.reject().errors()).singleElement().asString().startsWith("card_token looks like a card number")
                .doesNotContain("4111"));
    }

    @Test
    void aGoodRowWithAQuotedNameIsAccepted() {
        var checked = ReferenceRows.account(2, CsvLine.split(
                "41007777,GB82WEST12345698765432,20-32-06,GBP,OPEN,H7777,\"Smith, Jane\",PERSONAL,RETAIL,PCA,CTK777777,GB"),
                Set.of("20-32-06"), Set.of("PCA"));
        assertThat(checked).isInstanceOfSatisfying(ReferenceRows.Checked.Valid.class,
                v -> assertThat(((ReferenceRows.AccountRow) v.row()).holderName()).isEqualTo("Smith, Jane"));
    }

    @Test
    void fxRowsNeedIsoCodesAPositiveRateAndAnInstant() {
        assertThat(ReferenceRows.fx(2, CsvLine.split("ZAR,GBP,0.0433,ECB,2026-11-20T16:00:00Z")))
                .isInstanceOf(ReferenceRows.Checked.Valid.class);
        assertThat(ReferenceRows.fx(3, CsvLine.split("ZZZ,GBP,-1,ECB,yesterday")))
                .isInstanceOfSatisfying(ReferenceRows.Checked.Invalid.class,
                        i -> assertThat(i.reject().errors()).hasSize(3));
    }
}
