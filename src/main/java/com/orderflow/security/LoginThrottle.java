package com.orderflow.security;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins per client address over a fixed window. Camunda's own throttle locks the
 * account instead (for seconds, then for good after ten failures), so anyone who knows a user name
 * could lock a shop system or ops out of the API and the webapps without a password; that lock is
 * off (application.yaml) and this takes its place. Each node counts for itself.
 */
@Component
class LoginThrottle {

    /** Far more addresses than fail at once in normal use; beyond it the expired windows are dropped. */
    private static final int MAX_CLIENTS = 10_000;

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    private final Map<String, Window> failures = new ConcurrentHashMap<>();
    private final LoginSettings settings;

    LoginThrottle(LoginSettings settings) {
        this.settings = settings;
    }

    /** How long the client must wait before it may try again; zero when it may try now. */
    Duration waitFor(String client) {
        Window window = failures.get(client);
        long now = System.nanoTime();
        if (window == null || window.expired(now) || window.count() < settings.maxFailures()) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(window.endNanos() - now);
    }

    void failed(String client) {
        long now = System.nanoTime();
        if (failures.size() >= MAX_CLIENTS) {
            failures.values().removeIf(window -> window.expired(now));
            if (failures.size() >= MAX_CLIENTS) {
                failures.clear();
            }
        }
        Window window = failures.merge(client, new Window(now + settings.failureWindow().toNanos(), 1),
                (old, first) -> old.expired(now) ? first : new Window(old.endNanos(), old.count() + 1));
        // Once per window: the operator sees who is guessing (or which shop system lost its password).
        if (window.count() == settings.maxFailures()) {
            log.warn("Logins from {} refused (429) for the next {} s: {} failed logins within {}", client,
                    Math.max(1, Duration.ofNanos(window.endNanos() - now).toSeconds()), window.count(),
                    settings.failureWindow());
        }
    }

    /** On the monotonic clock: tests move the engine's clock, which must not open or close a window. */
    private record Window(long endNanos, int count) {
        boolean expired(long now) {
            return now - endNanos >= 0;
        }
    }
}
