package io.postline.enrichment.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operator CSV imports of reference data (formats in docs/operations.md). */
@RestController
@RequestMapping("/v1/reference-data")
public class ReferenceDataController {
    private final ReferenceDataImport importer;

    public ReferenceDataController(ReferenceDataImport importer) {
        this.importer = importer;
    }

    @PostMapping(path = "/accounts", consumes = "text/csv")
    public ReferenceDataImport.Report accounts(HttpServletRequest request) throws IOException {
        return importer.accounts(request.getInputStream());
    }

    @PostMapping(path = "/fx-rates", consumes = "text/csv")
    public ReferenceDataImport.Report fxRates(HttpServletRequest request) throws IOException {
        return importer.fxRates(request.getInputStream());
    }
}
