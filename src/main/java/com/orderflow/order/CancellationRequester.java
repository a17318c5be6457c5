package com.orderflow.order;

import com.orderflow.process.CurrentUser;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * Who asked to cancel an order, for its timeline: ops answering "why was this cancelled?" must tell the
 * shop's API call from the customer's link and from a decision in Tasklist.
 *
 * @param channel {@code API}, {@code CUSTOMER} (the personal link of a delay notice) or {@code OPS} (a task)
 * @param user    the login behind it, where there is one
 */
public record CancellationRequester(String channel, String user) {

    public static CancellationRequester api(String user) {
        return new CancellationRequester("API", user);
    }

    public static CancellationRequester customer() {
        return new CancellationRequester("CUSTOMER", null);
    }

    /** Ops completing a task: the step runs within the completion, under their login. */
    public static CancellationRequester ops(DelegateExecution execution) {
        return new CancellationRequester("OPS", CurrentUser.of(execution).orElse(null));
    }

    Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("requestedBy", channel);
        if (user != null) {
            details.put("user", user);
        }
        return details;
    }
}
