package com.orderflow.payment;

import java.time.Duration;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * How long an authorisation holds ({@code orderflow.payment.*}); the order model renews it by
 * {@code ${paymentSettings.renewalInterval}}, a margin before it lapses.
 */
@Component("paymentSettings")
@ConfigurationProperties(prefix = "orderflow.payment")
public class PaymentSettings implements InitializingBean {

    /** How long the provider holds an authorisation. */
    private Duration authorizationValidity = Duration.ofDays(7);

    /** Renew this long before the authorisation lapses, so a slow or retried renewal still comes in time. */
    private Duration reauthorizationMargin = Duration.ofDays(1);

    public Duration getAuthorizationValidity() {
        return authorizationValidity;
    }

    public void setAuthorizationValidity(Duration authorizationValidity) {
        this.authorizationValidity = authorizationValidity;
    }

    public Duration getReauthorizationMargin() {
        return reauthorizationMargin;
    }

    public void setReauthorizationMargin(Duration reauthorizationMargin) {
        this.reauthorizationMargin = reauthorizationMargin;
    }

    /**
     * Refuses to start with a margin that leaves no time to renew in: the service ran, in-stock orders
     * shipped, and every backordered order failed at its renewal timer after its money was authorised.
     */
    @Override
    public void afterPropertiesSet() {
        if (authorizationValidity.isNegative() || authorizationValidity.isZero()) {
            throw new IllegalStateException("orderflow.payment.authorization-validity must be positive, not "
                    + authorizationValidity);
        }
        if (reauthorizationMargin.isNegative()) {
            throw new IllegalStateException("orderflow.payment.reauthorization-margin must not be negative, not "
                    + reauthorizationMargin);
        }
        Duration interval = authorizationValidity.minus(reauthorizationMargin);
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalStateException("orderflow.payment.reauthorization-margin (" + reauthorizationMargin
                    + ") must be shorter than orderflow.payment.authorization-validity (" + authorizationValidity + ")");
        }
    }

    /** The renewal timer's ISO-8601 duration: validity minus margin, counted from the last (re-)authorisation. */
    public String getRenewalInterval() {
        return authorizationValidity.minus(reauthorizationMargin).toString();
    }
}
