package io.postline.reconciliation.patch;

import io.postline.reconciliation.config.ReconciliationProperties;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The admin client that reads the pipeline's consumer lag for the patch gate. */
@Configuration(proxyBeanMethods = false)
class PipelineLagConfiguration {

    @Bean(destroyMethod = "close")
    PipelineLag pipelineLag(KafkaAdmin kafkaAdmin, ReconciliationProperties properties) {
        return new PipelineLag(Admin.create(kafkaAdmin.getConfigurationProperties()), properties.pipelineGroups());
    }
}
