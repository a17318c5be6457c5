package com.orderflow.security;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what. The API and the engine's REST API use HTTP Basic against Camunda's identity
 * service; the Camunda webapps keep their own login, sessions and CSRF protection, with
 * authorisation checks on in the engine. {@code /engine-rest} is for ops only, and each call runs
 * as the logged-in user, so the engine's authorisations apply there too.
 */
@Configuration
public class WebSecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, CamundaIdentityAuthenticationProvider identity,
                            ProblemResponses problems) throws Exception {
        return stateless(http.securityMatcher(path("/api/**")), identity, problems)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/api/orders").hasAnyRole(Roles.SHOP, Roles.OPS)
                        // The e-mails' text holds the customer's choice links, which act for them: staff who speak
                        // with the customer may read them, the shop's system may not.
                        .requestMatchers("/api/orders/*/notices").hasAnyRole(Roles.SUPPORT, Roles.OPS)
                        // The money ledger names the payment provider's ids: for reconciling, not for the shop.
                        .requestMatchers("/api/orders/*/payment/operations").hasRole(Roles.OPS)
                        // HEAD is GET without its body (Spring MVC serves it from the GET handler).
                        .requestMatchers(HttpMethod.GET, "/api/orders/**").hasAnyRole(Roles.SHOP, Roles.SUPPORT, Roles.OPS)
                        .requestMatchers(HttpMethod.HEAD, "/api/orders/**").hasAnyRole(Roles.SHOP, Roles.SUPPORT, Roles.OPS)
                        .requestMatchers(HttpMethod.POST, "/api/orders/*/cancel", "/api/orders/*/ship-available")
                        .hasAnyRole(Roles.SHOP, Roles.SUPPORT, Roles.OPS)
                        .requestMatchers(HttpMethod.POST, "/api/orders/*/customer-email")
                        .hasAnyRole(Roles.SHOP, Roles.SUPPORT, Roles.OPS)
                        .requestMatchers(HttpMethod.GET, "/api/products/*/availability", "/api/availability")
                        .hasAnyRole(Roles.SHOP, Roles.WAREHOUSE, Roles.SUPPORT, Roles.OPS)
                        .requestMatchers(HttpMethod.HEAD, "/api/products/*/availability", "/api/availability")
                        .hasAnyRole(Roles.SHOP, Roles.WAREHOUSE, Roles.SUPPORT, Roles.OPS)
                        .requestMatchers("/api/inventory/**", "/api/purchase-orders/**", "/api/suppliers/**",
                                "/api/products/**").hasAnyRole(Roles.WAREHOUSE, Roles.OPS)
                        .anyRequest().hasRole(Roles.OPS))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain engineRest(HttpSecurity http, CamundaIdentityAuthenticationProvider identity,
                                   ProblemResponses problems) throws Exception {
        return stateless(http.securityMatcher(path("/engine-rest/**")), identity, problems)
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole(Roles.OPS))
                .build();
    }

    /** Health for load balancers; metrics for ops (a Prometheus scraper logs in as an ops user). */
    @Bean
    @Order(3)
    SecurityFilterChain actuator(HttpSecurity http, CamundaIdentityAuthenticationProvider identity,
                                 ProblemResponses problems) throws Exception {
        return stateless(http.securityMatcher(path("/actuator/**")), identity.forMonitoring(), problems)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(path("/actuator/health/**"), path("/actuator/info")).permitAll()
                        .anyRequest().hasRole(Roles.OPS))
                .build();
    }

    /**
     * The customer's choice pages: no login (the signed link is the credential), and a policy that lets the page
     * load nothing and post only to itself, should anything of the order's ever slip through the escaping.
     */
    @Bean
    @Order(4)
    SecurityFilterChain choicePages(HttpSecurity http) throws Exception {
        return http.securityMatcher(path("/choice/**"))
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.contentSecurityPolicy(policy -> policy.policyDirectives(
                        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }

    /** Webapps (own login and CSRF): no Spring login here. */
    @Bean
    @Order(5)
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }

    /** Runs each engine REST call as the authenticated user, so Camunda's authorisation checks apply. */
    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestUser() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                ContainerBasedAuthenticationProvider.class.getName());
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(10);
        return registration;
    }

    /** Ahead of Spring Security and the webapps' login: a throttled address gets no password checked. */
    @Bean
    FilterRegistrationBean<LoginThrottleFilter> loginThrottleFilter(LoginThrottle throttle, ProblemResponses problems) {
        FilterRegistrationBean<LoginThrottleFilter> registration =
                new FilterRegistrationBean<>(new LoginThrottleFilter(throttle, problems));
        registration.addUrlPatterns("/api/*", "/engine-rest/*", "/actuator/*", "/camunda/api/admin/auth/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<WebappApiGuard> webappApiGuard(ProblemResponses problems) {
        FilterRegistrationBean<WebappApiGuard> registration = new FilterRegistrationBean<>(new WebappApiGuard(problems));
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
        registration.setOrder(4);
        return registration;
    }

    @Bean
    FilterRegistrationBean<EngineQueryParameterGuard> engineQueryParameterGuard(ProblemResponses problems) {
        FilterRegistrationBean<EngineQueryParameterGuard> registration =
                new FilterRegistrationBean<>(new EngineQueryParameterGuard(problems));
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
        registration.setOrder(6);
        return registration;
    }

    @Bean
    FilterRegistrationBean<VanishedTaskGuard> vanishedTaskGuard(TaskService tasks, ProblemResponses problems,
            HeldEngineRestLog engineLog) {
        FilterRegistrationBean<VanishedTaskGuard> registration =
                new FilterRegistrationBean<>(new VanishedTaskGuard(tasks, problems, engineLog));
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
        registration.setOrder(7);
        return registration;
    }

    @Bean
    FilterRegistrationBean<LostCorrelationGuard> lostCorrelationGuard(ProblemResponses problems,
            HeldEngineRestLog engineLog) {
        FilterRegistrationBean<LostCorrelationGuard> registration =
                new FilterRegistrationBean<>(new LostCorrelationGuard(problems, engineLog));
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(7);
        return registration;
    }

    @Bean
    FilterRegistrationBean<QueryExpressionGuard> queryExpressionGuard(ProblemResponses problems) {
        FilterRegistrationBean<QueryExpressionGuard> registration =
                new FilterRegistrationBean<>(new QueryExpressionGuard(problems));
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
        registration.setOrder(5);
        return registration;
    }

    /** Matches the whole request path: {@code /engine-rest} is not served by Spring MVC's dispatcher. */
    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    private static HttpSecurity stateless(HttpSecurity http, CamundaIdentityAuthenticationProvider identity,
                                          ProblemResponses problems) throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authenticationProvider(identity)
                .httpBasic(basic -> basic.authenticationEntryPoint(problems.unauthenticated()))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems.unauthenticated())
                        .accessDeniedHandler(problems.forbidden()));
    }
}
