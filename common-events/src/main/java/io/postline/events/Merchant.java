package io.postline.events;


/** The card acceptor. {@code mcc} is the ISO 18245 merchant category code; country ISO 3166 alpha-2. */
public record Merchant(String merchantId, String name, String mcc, String city, String country) {
    private static final TextFormat MCC = TextFormat.of("[0-9]{4}");
    private static final TextFormat COUNTRY = TextFormat.of("[A-Z]{2}");

    public Merchant {
        Require.printable(merchantId, "merchant.merchantId", 35);
        Require.printable(name, "merchant.name", 99);
        Require.matches(mcc, "merchant.mcc", MCC);
        Require.printable(city, "merchant.city", 50);
        Require.matches(country, "merchant.country", COUNTRY);
    }
}
