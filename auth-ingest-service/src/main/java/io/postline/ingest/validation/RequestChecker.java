package io.postline.ingest.validation;

import io.postline.ingest.api.AuthorizationRequest;
import io.postline.events.PanGuard;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The one check every way in uses (single, batch, file lines): first the card-data guard over every value
 * of the raw request, so a PAN is refused before anything binds, stores or logs it; then binding and
 * field validation. Messages name fields and never echo values.
 */
@Component
public class RequestChecker {
    private final ObjectMapper json;
    private final Validator validator;
    private final EdgeTokenization tokenization;

    public RequestChecker(ObjectMapper json, Validator validator, EdgeTokenization tokenization) {
        this.json = json;
        this.validator = validator;
        this.tokenization = tokenization;
    }

    /** Parses and checks a JSON document; null when it is not JSON at all. */
    public CheckedRequest check(byte[] body) {
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
        return check(tree);
    }

    public CheckedRequest check(JsonNode tree) {
        if (tree == null || !tree.isObject()) {
            return new CheckedRequest.Invalid(List.of(new FieldError("$", "must be a JSON object")), false);
        }
        tokenizeCardToken((tools.jackson.databind.node.ObjectNode) tree);
        List<FieldError> cardData = new ArrayList<>();
        scan(tree, "", cardData);
        if (!cardData.isEmpty()) {
            return new CheckedRequest.Invalid(cardData, true);
        }
        AuthorizationRequest request;
        try {
            request = json.treeToValue(tree, AuthorizationRequest.class);
        } catch (DatabindException e) {
            return new CheckedRequest.Invalid(List.of(new FieldError(path(e), "has the wrong type or format")), false);
        } catch (JacksonException e) {
            return new CheckedRequest.Invalid(List.of(new FieldError("$", "could not be read")), false);
        }
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<AuthorizationRequest> v : validator.validate(request)) {
            errors.add(new FieldError(v.getPropertyPath().toString().replace(".isoCurrency", ".currency"),
                    v.getMessage()));
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
            return new CheckedRequest.Invalid(errors, false);
        }
        return new CheckedRequest.Valid(request);
    }

    /** Checks a flat record (a CSV line) by its column names, then as the equivalent JSON document. */
    public CheckedRequest check(Map<String, String> columns, JsonNode asJson) {
        List<FieldError> cardData = new ArrayList<>();
        if (asJson instanceof tools.jackson.databind.node.ObjectNode o) {
            tokenizeCardToken(o);
            columns = new java.util.LinkedHashMap<>(columns);
            columns.put("cardToken", o.path("cardToken").asString(null));
        }
        columns.forEach((name, value) -> {
            if (PanGuard.containsPan(value)) {
                cardData.add(new FieldError(name, CARD_DATA));
            }
        });
        if (!cardData.isEmpty()) {
            return new CheckedRequest.Invalid(cardData, true);
        }
        return check(asJson);
    }

    /** For sources that send PANs: the PAN in cardToken becomes its token before anything else sees it. */
    private void tokenizeCardToken(tools.jackson.databind.node.ObjectNode tree) {
        JsonNode card = tree.get("cardToken");
        JsonNode source = tree.get("sourceId");
        if (card != null && card.isString() && source != null && source.isString()) {
            String token = tokenization.cardToken(source.asString(), card.asString());
            if (!token.equals(card.asString())) {
                tree.put("cardToken", token);
            }
        }
    }

    static final String CARD_DATA = "looks like a card number (PAN); card data is not accepted, send a card token";

    private static void scan(JsonNode node, String at, List<FieldError> found) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (PanGuard.containsPan(field.getKey())) {
                    found.add(new FieldError(at.isEmpty() ? "(a field name)" : at + ".(a field name)", CARD_DATA));
                }
                scan(field.getValue(), at.isEmpty() ? field.getKey() : at + "." + field.getKey(), found);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                scan(node.get(i), at + "[" + i + "]", found);
            }
        } else if (node.isString() || node.isNumber()) {
            if (PanGuard.containsPan(node.asString())) {
                found.add(new FieldError(at, CARD_DATA));
            }
        }
    }

    private static String path(DatabindException db) {
        StringBuilder sb = new StringBuilder();
        for (var ref : db.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "$" : sb.toString();
    }
}
