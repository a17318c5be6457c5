package com.orderflow.escalation;

import com.orderflow.process.OrderProcess;
import com.orderflow.security.IdentitySetup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The shared Tasklist filter "Delayed backorders" for ops and ops leads, created at startup when
 * missing (a filter ops changed or deleted on purpose is only recreated when none by that name
 * exists). Every node runs this; a second copy in a race is harmless and can be deleted.
 */
@Component
@Order(2)
public class DelayedBackorderFilter implements ApplicationRunner {

    public static final String NAME = "Delayed backorders";

    private final FilterService filters;
    private final TaskService tasks;
    private final AuthorizationService authorizations;

    public DelayedBackorderFilter(FilterService filters, TaskService tasks, AuthorizationService authorizations) {
        this.filters = filters;
        this.tasks = tasks;
        this.authorizations = authorizations;
    }

    @Override
    public void run(ApplicationArguments args) {
        Filter filter = filters.createFilterQuery().filterName(NAME).singleResult();
        if (filter == null) {
            filter = filters.newTaskFilter(NAME);
            filter.setQuery(tasks.createTaskQuery().processDefinitionKey(OrderProcess.KEY)
                    .taskDefinitionKey(OrderProcess.TASK_RESOLVE_DELAYED_BACKORDER).orderByTaskPriority().desc());
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("description", "Backordered orders delayed too often or too long: decide keep waiting, ship what is available, or cancel");
            properties.put("priority", -10);
            properties.put("color", "#b03a2e");
            properties.put("refresh", true);
            properties.put("variables", List.of(
                    Map.of("name", "orderId", "label", "Order"),
                    Map.of("name", "delayNotices", "label", "Delay notices")));
            filter.setProperties(properties);
            filters.saveFilter(filter);
        }
        for (String group : List.of(IdentitySetup.OPS, IdentitySetup.OPS_LEADS)) {
            if (authorizations.createAuthorizationQuery().groupIdIn(group).resourceType(Resources.FILTER)
                    .resourceId(filter.getId()).count() == 0) {
                Authorization read = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
                read.setGroupId(group);
                read.setResource(Resources.FILTER);
                read.setResourceId(filter.getId());
                read.addPermission(Permissions.READ);
                authorizations.saveAuthorization(read);
            }
        }
    }
}
