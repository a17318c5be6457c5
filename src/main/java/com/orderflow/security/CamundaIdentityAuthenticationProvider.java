package com.orderflow.security;

import com.orderflow.api.DatabaseUnavailable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Checks API and engine-REST credentials against Camunda's identity service, so ops staff have one
 * login for Tasklist, Cockpit and the API. Camunda groups become roles: {@code shop} → SHOP,
 * {@code warehouse} → WAREHOUSE, {@code ops} and {@code camunda-admin} → OPS.
 */
@Component
public class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identity;
    private final RecentLogins recent;
    private final boolean lastVerifiedWhenUnreachable;

    @Autowired
    public CamundaIdentityAuthenticationProvider(IdentityService identity, RecentLogins recent) {
        this(identity, recent, false);
    }

    private CamundaIdentityAuthenticationProvider(IdentityService identity, RecentLogins recent,
                                                  boolean lastVerifiedWhenUnreachable) {
        this.identity = identity;
        this.recent = recent;
        this.lastVerifiedWhenUnreachable = lastVerifiedWhenUnreachable;
    }

    /**
     * For the metrics a monitor scrapes: while the database cannot be reached, a login this node verified
     * before is taken again. A scraper's login outlived its minute in the cache during an outage and was
     * refused (503), so the monitor lost every figure, the pool's among them, exactly when it needed them.
     * Only the actuator takes it: nothing there changes anything, and an outage must not extend the reach of
     * a password changed on another node to the API or the engine.
     */
    public CamundaIdentityAuthenticationProvider forMonitoring() {
        return new CamundaIdentityAuthenticationProvider(identity, recent, true);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (user == null || credentials == null) {
            throw new BadCredentialsException("Unknown user or wrong password");
        }
        String password = credentials.toString();
        if (user.indexOf('\0') >= 0 || password.indexOf('\0') >= 0) {
            // PostgreSQL refuses the character in a parameter: the identity query failed with a 500, an ERROR
            // with its stack trace for anyone to trigger, uncounted by the login throttle. No name holds one.
            throw new BadCredentialsException("Unknown user or wrong password");
        }
        Optional<Authentication> remembered = recent.find(user, password);
        if (remembered.isPresent()) {
            return remembered.get();
        }
        boolean verified;
        List<Group> groups;
        try {
            verified = identity.checkPassword(user, password);
            groups = verified ? identity.createGroupQuery().groupMember(user).list() : List.of();
        } catch (RuntimeException failure) {
            Optional<Authentication> lastVerified = lastVerifiedWhenUnreachable && DatabaseUnavailable.causedIt(failure)
                    ? recent.lastVerified(user, password) : Optional.empty();
            return lastVerified.orElseThrow(() -> failure);
        }
        if (!verified) {
            throw new BadCredentialsException("Unknown user or wrong password");
        }
        List<SimpleGrantedAuthority> roles = new ArrayList<>();
        for (Group group : groups) {
            switch (group.getId()) {
                case IdentitySetup.SHOP -> roles.add(role(Roles.SHOP));
                case IdentitySetup.WAREHOUSE -> roles.add(role(Roles.WAREHOUSE));
                case IdentitySetup.SUPPORT -> roles.add(role(Roles.SUPPORT));
                case IdentitySetup.OPS, Groups.CAMUNDA_ADMIN -> roles.add(role(Roles.OPS));
                default -> { }
            }
        }
        Authentication authenticated = UsernamePasswordAuthenticationToken.authenticated(user, null,
                roles.stream().distinct().toList());
        recent.remember(user, password, authenticated);
        return authenticated;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static SimpleGrantedAuthority role(String role) {
        return new SimpleGrantedAuthority("ROLE_" + role);
    }
}
