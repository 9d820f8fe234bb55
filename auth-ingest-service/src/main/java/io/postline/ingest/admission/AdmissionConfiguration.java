package io.postline.ingest.admission;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The bound on concurrent authorization requests, its filter and its meters. */
@Configuration(proxyBeanMethods = false)
public class AdmissionConfiguration {

    @Bean
    RequestAdmission requestAdmission(AdmissionProperties properties, DataSource dataSource, MeterRegistry meters) {
        if (dataSource instanceof HikariDataSource pool
                && properties.maxConcurrentRequests() >= pool.getMaximumPoolSize()) {
            throw new IllegalStateException("postline.ingest.admission.max-concurrent-requests ("
                    + properties.maxConcurrentRequests() + ") must be below the connection pool's size ("
                    + pool.getMaximumPoolSize() + ", spring.datasource.hikari.maximum-pool-size): the outbox relay, "
                    + "file ingest and the scheduled jobs need connections of their own");
        }
        RequestAdmission admission = new RequestAdmission(properties.maxConcurrentRequests());
        Gauge.builder("postline.ingest.requests.in.flight", admission, RequestAdmission::inFlight)
                .description("Authorization requests being worked on now").register(meters);
        Gauge.builder("postline.ingest.requests.limit", admission, RequestAdmission::limit)
                .description("Authorization requests worked on at most at once").register(meters);
        return admission;
    }

    /** After Spring Security's filters (order -100): a caller without a valid token never takes a place. */
    @Bean
    FilterRegistrationBean<AdmissionFilter> admissionFilter(RequestAdmission admission, AdmissionProperties properties,
                                                            MeterRegistry meters) {
        Counter turnedAway = Counter.builder("postline.ingest.requests.turned.away")
                .description("Authorization requests answered 503 because as many as allowed were in progress")
                .register(meters);
        FilterRegistrationBean<AdmissionFilter> registration =
                new FilterRegistrationBean<>(new AdmissionFilter(admission, properties, turnedAway));
        registration.addUrlPatterns("/v1/*");
        registration.setOrder(0);
        return registration;
    }
}
