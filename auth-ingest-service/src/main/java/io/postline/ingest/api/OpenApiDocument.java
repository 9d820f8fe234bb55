package io.postline.ingest.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's header (served at /v3/api-docs); paths and schemas come from the code. */
@Configuration
public class OpenApiDocument {
    /** Example body of a single authorization, shown in the document. */
    public static final String EXAMPLE = """
            {"authorizationId": "DEMO-0001", "sourceId": "pos-switch", "cardToken": "CTK000042",
             "acquirerId": "40001234",
             "merchant": {"merchantId": "M-88231", "name": "Corner Coffee", "mcc": "5814", "city": "London",
                          "country": "GB"},
             "amount": {"amountMinor": 1250, "currency": "GBP"},
             "stan": "004217", "rrn": "632410004217", "approvalCode": "Z7Q9K2",
             "transmissionTime": "2026-11-21T19:42:11Z"}""";

    @Bean
    OpenAPI postlineIngestApi() {
        return new OpenAPI()
                .info(new Info().title("Postline ingest API").version("v1").description(
                        "Approved card authorizations in: one, a batch, or a file. Card data is refused (422); "
                                + "send card tokens. See docs/api.md."))
                .components(new Components().addSecuritySchemes("bearer", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("OAuth2 access token; scope authorizations:write to send, operations:read and "
                                + "operations:write for the operator endpoints")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
