package com.orderflow.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Successful logins of the last {@link LoginSettings#cacheTtl()}, by user and a digest of the
 * password, so the password itself is never kept. Failed logins are never remembered: a wrong
 * password is always checked against the identity service.
 */
@Component
class RecentLogins {

    /** More distinct logins than any shop has users; beyond it the cache starts over. */
    private static final int MAX_ENTRIES = 1_000;

    private final Map<String, Remembered> logins = new ConcurrentHashMap<>();
    private final LoginSettings settings;

    RecentLogins(LoginSettings settings) {
        this.settings = settings;
    }

    Optional<Authentication> find(String user, String password) {
        Remembered remembered = logins.get(key(user, password));
        if (remembered == null || System.nanoTime() - remembered.untilNanos() >= 0) {
            return Optional.empty();
        }
        return Optional.of(remembered.authentication());
    }

    /**
     * The last login verified with this password, however long ago, while this node runs. Only for when the
     * identity store cannot be reached to verify it again (see {@link CamundaIdentityAuthenticationProvider}).
     */
    Optional<Authentication> lastVerified(String user, String password) {
        return Optional.ofNullable(logins.get(key(user, password))).map(Remembered::authentication);
    }

    void remember(String user, String password, Authentication authentication) {
        if (settings.cacheTtl().isZero() || settings.cacheTtl().isNegative()) {
            return;
        }
        if (logins.size() >= MAX_ENTRIES) {
            logins.clear();
        }
        logins.put(key(user, password), new Remembered(authentication, System.nanoTime() + settings.cacheTtl().toNanos()));
    }

    private static String key(String user, String password) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(user.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            return HexFormat.of().formatHex(digest.digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Expiry on the monotonic clock: the engine's clock, which tests move, must not keep a login alive. */
    private record Remembered(Authentication authentication, long untilNanos) {
    }
}
