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
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The shared Tasklist filters for ops and ops leads, created at startup when missing (a filter ops
 * changed or deleted on purpose is only recreated when none by that name exists): "Delayed
 * backorders", and "Ops tasks", every task offered to ops (lapsed payment authorisations and
 * suppliers to chase too), without which Tasklist would list those nowhere. Every node runs this; a
 * second copy in a race is harmless and can be deleted.
 */
@Component
@Order(2)
public class OpsTaskFilters implements ApplicationRunner {

    public static final String DELAYED_BACKORDERS = "Delayed backorders";
    public static final String OPS_TASKS = "Ops tasks";

    private final FilterService filters;
    private final TaskService tasks;
    private final AuthorizationService authorizations;

    public OpsTaskFilters(FilterService filters, TaskService tasks, AuthorizationService authorizations) {
        this.filters = filters;
        this.tasks = tasks;
        this.authorizations = authorizations;
    }

    @Override
    public void run(ApplicationArguments args) {
        ensure(DELAYED_BACKORDERS, tasks.createTaskQuery().processDefinitionKey(OrderProcess.KEY)
                        .taskDefinitionKey(OrderProcess.TASK_RESOLVE_DELAYED_BACKORDER).orderByTaskPriority().desc(),
                "Backordered orders delayed too often or too long: decide keep waiting, ship what is available, or cancel",
                -10, "#b03a2e", List.of(Map.of("name", "orderId", "label", "Order"),
                        Map.of("name", "delayNotices", "label", "Delay notices")));
        ensure(OPS_TASKS, tasks.createTaskQuery().taskCandidateGroupIn(List.of(IdentitySetup.OPS, IdentitySetup.OPS_LEADS))
                        .includeAssignedTasks().orderByTaskPriority().desc().orderByTaskCreateTime().asc(),
                "Everything offered to ops: delayed backorders, lapsed payment authorisations, suppliers to chase",
                -5, "#1f618d", List.of(Map.of("name", "orderId", "label", "Order"),
                        // "Chase supplier" belongs to a purchase order: without it those tasks listed alike.
                        Map.of("name", "purchaseOrderId", "label", "Purchase order")));
    }

    private void ensure(String name, TaskQuery query, String description, int priority, String color,
                        List<Map<String, String>> variables) {
        Filter filter = filters.createFilterQuery().filterName(name).singleResult();
        if (filter == null) {
            filter = filters.newTaskFilter(name);
            filter.setQuery(query);
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("description", description);
            properties.put("priority", priority);
            properties.put("color", color);
            properties.put("refresh", true);
            properties.put("variables", variables);
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
