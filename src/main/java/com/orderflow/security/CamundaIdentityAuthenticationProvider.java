package com.orderflow.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
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

    public CamundaIdentityAuthenticationProvider(IdentityService identity, RecentLogins recent) {
        this.identity = identity;
        this.recent = recent;
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
        if (!identity.checkPassword(user, password)) {
            throw new BadCredentialsException("Unknown user or wrong password");
        }
        List<SimpleGrantedAuthority> roles = new ArrayList<>();
        for (Group group : identity.createGroupQuery().groupMember(user).list()) {
            switch (group.getId()) {
                case IdentitySetup.SHOP -> roles.add(role(Roles.SHOP));
                case IdentitySetup.WAREHOUSE -> roles.add(role(Roles.WAREHOUSE));
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
