package com.orderflow.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Posts to the running service over real HTTP, as a shop would. */
final class ApiClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String authorization;

    ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
    }

    /** Places a one-line order; answers the HTTP status. */
    int placeOrder(String orderId, String sku) {
        return post("/api/orders", """
                {"orderId":"%s","customer":{"name":"Ada","email":"ada@example.com","locale":"en"},
                 "lines":[{"sku":"%s","quantity":1}],"shipPolicy":"PARTIAL","payment":{"token":"tok_visa"}}"""
                .formatted(orderId, sku));
    }

    int post(String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException("POST " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted posting " + path, e);
        }
    }
}
