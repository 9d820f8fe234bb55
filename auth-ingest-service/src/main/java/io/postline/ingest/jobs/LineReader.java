package io.postline.ingest.jobs;

import io.postline.ingest.config.IngestProperties.Format;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns one line of an uploaded file into the JSON document of a single authorization request, so file
 * lines are checked exactly like API requests. CSV columns (docs/api.md): authorizationId, cardToken,
 * acquirerId, merchantId, merchantName, mcc, merchantCity, merchantCountry, amountMinor, currency, stan,
 * rrn, approvalCode, transmissionTime, and optionally billingAmountMinor, billingCurrency, lifecycleId,
 * transactionType. The job's source applies to every line.
 */
final class LineReader {
    static final List<String> REQUIRED = List.of("authorizationId", "cardToken", "acquirerId", "merchantId",
            "merchantName", "mcc", "merchantCity", "merchantCountry", "amountMinor", "currency", "stan", "rrn",
            "approvalCode", "transmissionTime");
    static final List<String> OPTIONAL = List.of("billingAmountMinor", "billingCurrency", "lifecycleId",
            "transactionType");

    private final Format format;
    private final String sourceId;
    private final ObjectMapper json;
    private List<String> header;

    LineReader(Format format, String sourceId, ObjectMapper json) {
        this.format = format;
        this.sourceId = sourceId;
        this.json = json;
    }

    /** A parsed line: its columns (CSV only, for the card-data check by column) and the request document. */
    record Parsed(Map<String, String> columns, JsonNode request, String error) {
    }

    /** The CSV header; returns a problem with it, or null. */
    String header(String line) {
        header = CsvLine.split(line).stream().map(String::trim).toList();
        List<String> missing = REQUIRED.stream().filter(c -> !header.contains(c)).toList();
        List<String> unknown = header.stream().filter(c -> !REQUIRED.contains(c) && !OPTIONAL.contains(c)).toList();
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            return "the header " + (missing.isEmpty() ? "" : "lacks " + missing) + (unknown.isEmpty() ? ""
                    : (missing.isEmpty() ? "" : " and ") + "has unknown columns " + unknown);
        }
        return null;
    }

    Parsed parse(String line) {
        return format == Format.CSV ? csv(line) : ndjson(line);
    }

    private Parsed csv(String line) {
        List<String> cells = CsvLine.split(line);
        if (cells.size() != header.size()) {
            return new Parsed(Map.of(), null, "has " + cells.size() + " columns, the header " + header.size());
        }
        Map<String, String> c = new LinkedHashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            c.put(header.get(i), cells.get(i));
        }
        ObjectNode r = json.createObjectNode();
        r.put("authorizationId", c.get("authorizationId"));
        r.put("sourceId", sourceId);
        r.put("cardToken", c.get("cardToken"));
        r.put("acquirerId", c.get("acquirerId"));
        ObjectNode merchant = r.putObject("merchant");
        merchant.put("merchantId", c.get("merchantId"));
        merchant.put("name", c.get("merchantName"));
        merchant.put("mcc", c.get("mcc"));
        merchant.put("city", c.get("merchantCity"));
        merchant.put("country", c.get("merchantCountry"));
        money(r, "amount", c.get("amountMinor"), c.get("currency"));
        if (!blank(c.get("billingAmountMinor")) || !blank(c.get("billingCurrency"))) {
            money(r, "billingAmount", c.get("billingAmountMinor"), c.get("billingCurrency"));
        }
        r.put("stan", c.get("stan"));
        r.put("rrn", c.get("rrn"));
        r.put("approvalCode", c.get("approvalCode"));
        r.put("transmissionTime", c.get("transmissionTime"));
        if (!blank(c.get("lifecycleId"))) {
            r.put("lifecycleId", c.get("lifecycleId"));
        }
        if (!blank(c.get("transactionType"))) {
            r.put("transactionType", c.get("transactionType"));
        }
        return new Parsed(c, r, null);
    }

    private void money(ObjectNode r, String name, String minor, String currency) {
        ObjectNode m = r.putObject(name);
        m.put("amountMinor", minor); // a string: binding reports a non-number as a wrong type of this field
        m.put("currency", currency);
    }

    private Parsed ndjson(String line) {
        try {
            JsonNode node = json.readTree(line);
            if (node instanceof ObjectNode o && !o.has("sourceId")) {
                o.put("sourceId", sourceId);
            }
            return new Parsed(Map.of(), node, null);
        } catch (JacksonException e) {
            return new Parsed(Map.of(), null, "is not a JSON object");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
