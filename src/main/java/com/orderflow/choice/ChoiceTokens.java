package com.orderflow.choice;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Signs and checks choice links: {@code base64url(payload) "." base64url(HMAC-SHA256(payload))}, the
 * payload naming order, notice, expiry and options. The signature is what lets a link work without
 * a login, so nothing in it is trusted before the signature checks out.
 */
@Component
public class ChoiceTokens {

    private static final Logger log = LoggerFactory.getLogger(ChoiceTokens.class);
    private static final Duration WARN_EVERY = Duration.ofMinutes(1);
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    /** The key before a rotation, if one is set: its links keep working until they expire. */
    private final SecretKeySpec previousKey;
    private final AtomicLong nextWarning = new AtomicLong(System.nanoTime());
    private final AtomicInteger unwarned = new AtomicInteger();

    public ChoiceTokens(ChoiceProperties settings) {
        byte[] secret;
        if (settings.secret() == null || settings.secret().isBlank()) {
            // Development only (the production profile refuses to start without a secret): links
            // written before a restart stop working, and nodes of a cluster would not agree.
            secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            log.warn("orderflow.choice.secret (ORDERFLOW_CHOICE_SECRET) is not set: choice links are signed with a "
                    + "key made up for this run and stop working when the service restarts");
        } else {
            secret = settings.secret().getBytes(StandardCharsets.UTF_8);
        }
        this.key = new SecretKeySpec(secret, ALGORITHM);
        this.previousKey = settings.previousSecret() == null || settings.previousSecret().isBlank() ? null
                : new SecretKeySpec(settings.previousSecret().getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public String sign(ChoiceClaims claims) {
        String options = claims.options().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        String payload = claims.orderId() + "|" + claims.notice() + "|" + claims.expiresAt().getEpochSecond() + "|" + options;
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(key, bytes));
    }

    /** The claims of a genuine token; empty for anything malformed or not signed with our key. */
    public Optional<ChoiceClaims> verify(String token) {
        if (token == null || token.length() > 1000) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        try {
            byte[] payload = DECODER.decode(token.substring(0, dot));
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            ChoiceClaims claims = parse(new String(payload, StandardCharsets.UTF_8));
            if (!MessageDigest.isEqual(mac(key, payload), signature)
                    && (previousKey == null || !MessageDigest.isEqual(mac(previousKey, payload), signature))) {
                warnForeignSignature(claims);
                return Optional.empty();
            }
            return Optional.of(claims);
        } catch (IllegalArgumentException | DateTimeException malformed) {
            return Optional.empty();
        }
    }

    /**
     * The link reads as ours but another key signed it: the secret changed since the notice was written, or nodes
     * differ. The customer only sees "not valid"; the operator must learn why. Anyone can send such links without a
     * login, each naming any order: one line a minute at most, counting the links since the last one.
     */
    private void warnForeignSignature(ChoiceClaims claims) {
        long now = System.nanoTime();
        long due = nextWarning.get();
        if (now - due < 0 || !nextWarning.compareAndSet(due, now + WARN_EVERY.toNanos())) {
            unwarned.incrementAndGet();
            return;
        }
        int more = unwarned.getAndSet(0);
        log.warn("A choice link naming order {} (notice {}) was signed with another ORDERFLOW_CHOICE_SECRET than this"
                        + " node's: was the secret changed (set ORDERFLOW_CHOICE_PREVIOUS_SECRET to the old one) or do"
                        + " nodes differ? Unless that notice was sent, the link was made up. The customer was told the link"
                        + " is not valid{}", printable(claims.orderId()), claims.notice(),
                more == 0 ? "" : " (" + more + " more such links since the last line, not logged)");
    }

    /** Anyone can send a link: what it names goes to the log on one line and short. */
    private static String printable(String orderId) {
        String line = orderId.replaceAll("\\p{Cntrl}", "?");
        return line.length() > 64 ? line.substring(0, 64) + "…" : line;
    }

    private static ChoiceClaims parse(String payload) {
        // The order id may itself contain '|': the three fixed fields are taken from the right.
        int options = payload.lastIndexOf('|');
        int expires = payload.lastIndexOf('|', options - 1);
        int notice = payload.lastIndexOf('|', expires - 1);
        if (notice <= 0) {
            throw new IllegalArgumentException("Not a choice token");
        }
        Set<CustomerChoice> offered = EnumSet.noneOf(CustomerChoice.class);
        for (String option : payload.substring(options + 1).split(",")) {
            if (!option.isEmpty()) {
                offered.add(CustomerChoice.valueOf(option));
            }
        }
        return new ChoiceClaims(payload.substring(0, notice), Integer.parseInt(payload.substring(notice + 1, expires)),
                Instant.ofEpochSecond(Long.parseLong(payload.substring(expires + 1, options))), offered);
    }

    private static byte[] mac(SecretKeySpec key, byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }
}
