package com.orderflow.api;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * Orders and availability answer an {@code ETag}, and {@code 304 Not Modified} to a {@code GET} whose
 * {@code If-None-Match} holds it. A shop polls its open orders every few minutes, and a backordered order is
 * unchanged for weeks: each poll fetched the whole order and its timeline again, where a 304 is a header. The tag is
 * the body's hash, so it changes with anything the answer shows (timeline entries, payment, ETAs), which
 * {@code updatedAt} does not cover. Registered after the login check: an anonymous client learns no tag.
 */
@Configuration(proxyBeanMethods = false)
class ConditionalGets {

    @Bean
    FilterRegistrationBean<ShallowEtagHeaderFilter> etags() {
        FilterRegistrationBean<ShallowEtagHeaderFilter> registration = new FilterRegistrationBean<>(new ShallowEtagHeaderFilter());
        registration.addUrlPatterns("/api/orders/*", "/api/products/*", "/api/availability");
        registration.setName("etags");
        return registration;
    }
}
