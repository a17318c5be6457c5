package com.orderflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A shop's repeated API logins skip the identity service for a while, and only with the same password. */
class RecentLoginsTest {

    private final Authentication shop = UsernamePasswordAuthenticationToken.authenticated("shop", null,
            List.of(new SimpleGrantedAuthority("ROLE_" + Roles.SHOP)));

    @Test
    void aLoginIsRememberedForItsPasswordOnly() {
        RecentLogins recent = new RecentLogins(new LoginSettings(Duration.ofMinutes(1), 10, Duration.ofMinutes(1)));
        recent.remember("shop", "s3cret", shop);

        assertThat(recent.find("shop", "s3cret")).containsSame(shop);
        assertThat(recent.find("shop", "wrong")).isEmpty();
        assertThat(recent.find("shop2", "s3cret")).isEmpty();
    }

    @Test
    void aRememberedLoginLapsesAfterItsTimeToLive() {
        RecentLogins recent = new RecentLogins(new LoginSettings(Duration.ofMillis(300), 10, Duration.ofMinutes(1)));
        recent.remember("shop", "s3cret", shop);
        assertThat(recent.find("shop", "s3cret")).isPresent();

        await().atMost(Duration.ofSeconds(5)).until(() -> recent.find("shop", "s3cret").isEmpty());
    }

    @Test
    void noTimeToLiveRemembersNothing() {
        RecentLogins recent = new RecentLogins(new LoginSettings(Duration.ZERO, 10, Duration.ofMinutes(1)));
        recent.remember("shop", "s3cret", shop);

        assertThat(recent.find("shop", "s3cret")).isEmpty();
    }
}
