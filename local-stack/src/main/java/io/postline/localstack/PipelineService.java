package io.postline.localstack;

/** The seven services, with the module that builds each and its default HTTP and management ports. */
public enum PipelineService {
    AUTH_INGEST("auth-ingest-service", 8080, 9080),
    DEDUP("dedup-service", 8081, 9081),
    STANDARDIZER("iso20022-standardizer", 8082, 9082),
    ENRICHMENT("enrichment-service", 8083, 9083),
    RULES("rules-service", 8084, 9084),
    POSTING("posting-service", 8085, 9085),
    RECONCILIATION("reconciliation-service", 8086, 9086);

    private final String module;
    private final int httpPort;
    private final int managementPort;

    PipelineService(String module, int httpPort, int managementPort) {
        this.module = module;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
    }

    public String module() {
        return module;
    }

    public int httpPort(int offset) {
        return httpPort + offset;
    }

    public int managementPort(int offset) {
        return managementPort + offset;
    }
}
