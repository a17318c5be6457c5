package com.orderflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the webapps' internal API ({@code /camunda/api/...}: the engine's REST API under another path,
 * and Cockpit's, Tasklist's and Admin's own) to the users the webapps are for: those Cockpit, Tasklist
 * or Admin let in. Every Camunda user may log in to the Welcome page, and with that session a shop or
 * warehouse login reached the engine's API, where the engine's authorisations let it move and fail jobs
 * that belong to no process (history cleanup, the receipts' wake-up batches). Also always refused: the
 * first-start admin setup (the service creates the admin itself, and the setup stayed open until it had)
 * and the engine's password check, which told any ops user whether a guess at another user's password was
 * right, outside the login throttle.
 */
class WebappApiGuard extends OncePerRequestFilter {

    private static final Set<String> WEBAPPS = Set.of("cockpit", "tasklist", "admin");
    private static final Pattern OPEN = Pattern.compile(
            "/camunda/api/admin/auth/.*|/camunda/api/engine/engine/?|/camunda/api/welcome/.*|/camunda/api/[^/]+/plugin/[^/]+/static/.*");
    private static final Pattern SETUP = Pattern.compile("/camunda/api/admin/setup/.*");
    private static final Pattern PASSWORD_CHECK = Pattern.compile(".*/identity/verify/?");

    private final ProblemResponses problems;

    WebappApiGuard(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (SETUP.matcher(path).matches() || PASSWORD_CHECK.matcher(path).matches()) {
            problems.write(response, HttpStatus.FORBIDDEN, "Forbidden", "This service does not offer " + path + ".");
            return;
        }
        if (path.startsWith("/camunda/api/") && !OPEN.matcher(path).matches() && welcomeOnly(request.getSession(false))) {
            problems.write(response, HttpStatus.FORBIDDEN, "Forbidden",
                    "The webapps' API is for users of Cockpit, Tasklist or Admin.");
            return;
        }
        chain.doFilter(request, response);
    }

    /** A session logged in to the Welcome page only. Without a login the webapps' own rules apply. */
    private static boolean welcomeOnly(HttpSession session) {
        if (session == null) {
            return false;
        }
        Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
        return authentications != null && !authentications.getAuthentications().isEmpty()
                && authentications.getAuthentications().stream()
                .map(UserAuthentication::getAuthorizedApps)
                .noneMatch(apps -> apps != null && apps.stream().anyMatch(WEBAPPS::contains));
    }
}
