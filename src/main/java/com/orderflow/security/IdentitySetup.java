package com.orderflow.security;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the groups of the spec's roles and the users who log into the API, Tasklist and Cockpit
 * with one identity. Existing users keep their passwords, except {@code admin}, whose password is the
 * setting's at every start.
 */
@Component
@Order(1)
public class IdentitySetup implements ApplicationRunner {

    public static final String OPS = "ops";
    public static final String SHOP = "shop";
    public static final String WAREHOUSE = "warehouse";
    public static final String SUPPORT = "support";
    /** Ops tasks nobody claimed in time are offered to them too. */
    public static final String OPS_LEADS = "ops-leads";

    private static final Logger log = LoggerFactory.getLogger(IdentitySetup.class);

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final IdentityProperties settings;
    private final boolean demoData;

    public IdentitySetup(IdentityService identity, AuthorizationService authorizations, IdentityProperties settings,
                         @Value("${orderflow.demo.data:false}") boolean demoData) {
        String password = settings.password();
        if (settings.requirePassword() && (password == null || password.isBlank() || password.equals("admin"))) {
            throw new IllegalStateException("ORDERFLOW_ADMIN_PASSWORD must be set to a password other than 'admin' "
                    + "before the service starts with the postgres profile");
        }
        this.identity = identity;
        this.authorizations = authorizations;
        this.settings = settings;
        this.demoData = demoData;
    }

    @Override
    public void run(ApplicationArguments args) {
        group(Groups.CAMUNDA_ADMIN, "Camunda administrators", Groups.GROUP_TYPE_SYSTEM);
        group(OPS, "Operations", Groups.GROUP_TYPE_WORKFLOW);
        group(SHOP, "Shop systems", Groups.GROUP_TYPE_WORKFLOW);
        group(WAREHOUSE, "Warehouse", Groups.GROUP_TYPE_WORKFLOW);
        group(SUPPORT, "Customer support", Groups.GROUP_TYPE_WORKFLOW);
        group(OPS_LEADS, "Operations leads", Groups.GROUP_TYPE_WORKFLOW);
        grantAdministratorsEverything();
        grantOps();
        grantOpsLeads();
        if (settings.password() != null && !settings.password().isBlank()) {
            user("admin", "Orderflow", "Admin", settings.password(), List.of(OPS, OPS_LEADS, Groups.CAMUNDA_ADMIN));
            rotate("admin", settings.password());
        }
        if (demoData) {
            user("shop", "Demo", "Shop", "shop", List.of(SHOP));
            user("warehouse", "Demo", "Warehouse", "warehouse", List.of(WAREHOUSE));
            user("support", "Demo", "Support", "support", List.of(SUPPORT));
        }
    }

    private void group(String id, String name, String type) {
        if (identity.createGroupQuery().groupId(id).count() == 0) {
            Group group = identity.newGroup(id);
            group.setName(name);
            group.setType(type);
            identity.saveGroup(group);
        }
    }

    private void user(String id, String firstName, String lastName, String password, List<String> groups) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setFirstName(firstName);
            user.setLastName(lastName);
            user.setEmail(id + "@orderflow.invalid");
            user.setPassword(password);
            identity.saveUser(user);
            log.info("Created user {}", id);
        }
        for (String group : groups) {
            if (identity.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
                identity.createMembership(id, group);
            }
        }
    }

    /**
     * An operator who changes {@code ORDERFLOW_ADMIN_PASSWORD}, after a leak say, means the new password to
     * count: the old one kept working, and nothing said the setting was ignored. A password set in Camunda
     * Admin instead is replaced at the next start, which the log says.
     */
    private void rotate(String id, String password) {
        if (!identity.checkPassword(id, password)) {
            User user = identity.createUserQuery().userId(id).singleResult();
            user.setPassword(password);
            identity.saveUser(user);
            log.warn("Set the password of {} to ORDERFLOW_ADMIN_PASSWORD, which differed from the stored one; the old"
                    + " password no longer logs in", id);
        }
    }

    /**
     * Ops work in Cockpit and Tasklist: they read and repair every order and purchase order process,
     * but see in Tasklist only the tasks offered to their group (the engine grants those per task).
     */
    private void grantOps() {
        grant(OPS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(OPS, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(OPS, Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ, Permissions.READ_INSTANCE,
                Permissions.READ_HISTORY, Permissions.UPDATE_INSTANCE);
        grant(OPS, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.READ, Permissions.UPDATE);
        grant(OPS, Resources.DEPLOYMENT, Authorization.ANY, Permissions.READ);
        grant(OPS, Resources.BATCH, Authorization.ANY, Permissions.READ);
        grant(OPS, Resources.USER, Authorization.ANY, Permissions.READ);
        grant(OPS, Resources.GROUP, Authorization.ANY, Permissions.READ);
        grant(OPS, Resources.FILTER, Authorization.ANY, Permissions.READ);
        grant(OPS, Resources.DECISION_DEFINITION, Authorization.ANY, Permissions.READ);
    }

    /** Leads see in Tasklist the ops tasks escalated to them (offered to their group) and the filters. */
    private void grantOpsLeads() {
        grant(OPS_LEADS, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(OPS_LEADS, Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ);
        grant(OPS_LEADS, Resources.FILTER, Authorization.ANY, Permissions.READ);
        grant(OPS_LEADS, Resources.USER, Authorization.ANY, Permissions.READ);
        grant(OPS_LEADS, Resources.GROUP, Authorization.ANY, Permissions.READ);
    }

    private void grant(String group, Resource resource, String resourceId, org.camunda.bpm.engine.authorization.Permission... permissions) {
        boolean granted = authorizations.createAuthorizationQuery().groupIdIn(group).resourceType(resource)
                .resourceId(resourceId).count() > 0;
        if (!granted) {
            Authorization authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            authorization.setGroupId(group);
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
            for (org.camunda.bpm.engine.authorization.Permission permission : permissions) {
                authorization.addPermission(permission);
            }
            authorizations.saveAuthorization(authorization);
        }
    }

    private void grantAdministratorsEverything() {
        for (Resource resource : Resources.values()) {
            boolean granted = authorizations.createAuthorizationQuery().groupIdIn(Groups.CAMUNDA_ADMIN)
                    .resourceType(resource).resourceId(Authorization.ANY).count() > 0;
            if (!granted) {
                Authorization all = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
                all.setGroupId(Groups.CAMUNDA_ADMIN);
                all.setResource(resource);
                all.setResourceId(Authorization.ANY);
                all.addPermission(Permissions.ALL);
                authorizations.saveAuthorization(all);
            }
        }
    }
}
