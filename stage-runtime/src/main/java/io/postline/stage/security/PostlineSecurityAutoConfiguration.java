package io.postline.stage.security;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * One API security policy for every service: OAuth2 resource server (JWT), scopes by kind of call.
 * <ul>
 *   <li>{@code authorizations:write}: POST to the ingest paths (and reading one's own file jobs)</li>
 *   <li>{@code operations:read}: every other GET under {@code /v1}</li>
 *   <li>{@code operations:write}: every other call under {@code /v1} (releases, re-drives, imports...)</li>
 * </ul>
 * The management port exposes only health, info and prometheus and needs no token (probes, scraping);
 * the OpenAPI document is public. Stateless, so no sessions and no CSRF tokens.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration"})
@EnableConfigurationProperties(PostlineSecurityProperties.class)
public class PostlineSecurityAutoConfiguration {
    public static final String INGEST = "SCOPE_authorizations:write";
    public static final String READ = "SCOPE_operations:read";
    public static final String WRITE = "SCOPE_operations:write";

    /** Runs before security and everything else, so a request carrying card data is refused untouched. */
    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<io.postline.stage.web.CardDataFilter> cardDataFilter(
            PostlineSecurityProperties properties) {
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(
                new io.postline.stage.web.CardDataFilter(properties.ingestPaths()));
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** Wraps the resource server's decoder in a {@link VerifiedTokenCache} unless the cache is disabled. */
    @Bean
    static BeanPostProcessor verifiedTokenCaching(ObjectProvider<PostlineSecurityProperties> properties) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof JwtDecoder decoder && !(bean instanceof VerifiedTokenCache)) {
                    PostlineSecurityProperties.TokenCache cache = properties.getObject().tokenCache();
                    if (cache.enabled()) {
                        return new VerifiedTokenCache(decoder, cache.maxAge(), cache.maxEntries(), Clock.systemUTC());
                    }
                }
                return bean;
            }
        };
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain postlineApiSecurity(HttpSecurity http, PostlineSecurityProperties properties) throws Exception {
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        if (!properties.enabled()) {
            return http.authorizeHttpRequests(a -> a.anyRequest().permitAll()).build();
        }
        http.authorizeHttpRequests(a -> {
            a.requestMatchers("/actuator/**", "/v3/api-docs", "/v3/api-docs/**", "/error").permitAll();
            for (String path : properties.ingestPaths()) {
                a.requestMatchers(HttpMethod.POST, path).hasAuthority(INGEST);
            }
            for (String path : properties.ingestReadPaths()) {
                a.requestMatchers(HttpMethod.GET, path).hasAnyAuthority(INGEST, READ);
            }
            a.requestMatchers(HttpMethod.GET, "/v1/**").hasAuthority(READ);
            a.requestMatchers("/v1/**").hasAuthority(WRITE);
            a.anyRequest().authenticated();
        }).oauth2ResourceServer(o -> o.jwt(Customizer.withDefaults()));
        return http.build();
    }
}
