package com.orderflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Proxy;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * A Prometheus scraper during a database outage: its login outlived its minute in the cache, could not be
 * checked again, and every scrape was refused, so the monitor lost every figure when it needed them. The
 * identity store here fails as the engine's does when the pool gets no connection.
 */
class MonitoringLoginTest {

    static final RuntimeException POOL_TIMED_OUT = new CannotCreateTransactionException("Could not open JDBC Connection",
            new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 5000ms"));

    final Authentication scraper = UsernamePasswordAuthenticationToken.authenticated("scraper", null,
            List.of(new SimpleGrantedAuthority("ROLE_" + Roles.OPS)));
    RecentLogins recent;

    @BeforeEach
    void aLoginVerifiedBeforeTheOutageHasLeftTheCache() {
        recent = new RecentLogins(new LoginSettings(Duration.ofMillis(1), 10, Duration.ofMinutes(1)));
        recent.remember("scraper", "pw", scraper);
        await().atMost(Duration.ofSeconds(5)).until(() -> recent.find("scraper", "pw").isEmpty());
    }

    @Test
    void theMetricsTakeALoginVerifiedBeforeWhileTheDatabaseIsOutOfReach() {
        CamundaIdentityAuthenticationProvider identity = new CamundaIdentityAuthenticationProvider(failing(POOL_TIMED_OUT), recent);

        assertThat(identity.forMonitoring().authenticate(login("scraper", "pw"))).isSameAs(scraper);
    }

    @Test
    void theApiAndAnyOtherPasswordStillNeedTheDatabase() {
        CamundaIdentityAuthenticationProvider identity = new CamundaIdentityAuthenticationProvider(failing(POOL_TIMED_OUT), recent);

        assertThatThrownBy(() -> identity.authenticate(login("scraper", "pw"))).isSameAs(POOL_TIMED_OUT);
        assertThatThrownBy(() -> identity.forMonitoring().authenticate(login("scraper", "guess"))).isSameAs(POOL_TIMED_OUT);
    }

    @Test
    void aFailureThatIsNoOutageTakesNoLoginOnTrust() {
        IllegalStateException bug = new IllegalStateException("a bug");
        CamundaIdentityAuthenticationProvider identity = new CamundaIdentityAuthenticationProvider(failing(bug), recent);

        assertThatThrownBy(() -> identity.forMonitoring().authenticate(login("scraper", "pw"))).isSameAs(bug);
    }

    private static UsernamePasswordAuthenticationToken login(String user, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
    }

    private static IdentityService failing(RuntimeException failure) {
        return (IdentityService) Proxy.newProxyInstance(IdentityService.class.getClassLoader(),
                new Class<?>[] {IdentityService.class}, (proxy, method, arguments) -> {
                    throw failure;
                });
    }
}
