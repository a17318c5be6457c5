package com.orderflow.payment;

import com.orderflow.order.CustomerContactChanged;
import com.orderflow.process.OrderProcess;
import com.orderflow.process.RenewalProcess;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts the renewal of a backordered order's authorisation (process {@code authorizationRenewal},
 * business key {@code renewal:<order id>}: the plain order id stays the order process's own, which
 * scripts and Cockpit users look orders up by). Only backordered orders wait long enough for an authorisation to lapse;
 * an order shipped from stock costs nothing extra. The order process ends the renewal with it
 * ({@code ${authorizationRenewals.orderEnded(execution)}} on the process's end), so Cockpit shows no
 * renewal for a closed order.
 */
@Component
public class AuthorizationRenewals {

    public static final String PROCESS_KEY = RenewalProcess.KEY;
    public static final String MESSAGE_ORDER_CLOSED = "OrderClosed";

    public static String businessKey(String orderId) {
        return RenewalProcess.BUSINESS_KEY_PREFIX + orderId;
    }

    private final RuntimeService runtime;

    public AuthorizationRenewals(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /** Starts the renewal once per order; a step run again starts nothing twice. */
    public void start(String orderId) {
        if (runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).processInstanceBusinessKey(businessKey(orderId))
                .count() == 0) {
            runtime.startProcessInstanceByKey(PROCESS_KEY, businessKey(orderId), Map.of("orderId", orderId));
        }
    }

    /**
     * Ends the renewal of the order whose process ends, while it waits; one that is busy re-authorising
     * finds the order closed itself. Only an order that was backordered has one
     * ({@link OrderProcess#VAR_AUTHORIZATION_RENEWAL}): looking for it at every order's end cost a
     * correlation query per order shipped from stock.
     */
    public void orderEnded(DelegateExecution orderProcess) {
        if (Boolean.TRUE.equals(orderProcess.getVariable(OrderProcess.VAR_AUTHORIZATION_RENEWAL))) {
            stop((String) orderProcess.getVariable(OrderProcess.VAR_ORDER_ID));
        }
    }

    /**
     * The lapse task names whom to contact ({@code customer}, set when the renewal was refused): support corrected
     * the address that bounced, so ops write to the new one.
     */
    @EventListener
    public void customerContactChanged(CustomerContactChanged changed) {
        ProcessInstance renewal = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(businessKey(changed.orderId())).singleResult();
        if (renewal != null && runtime.getVariable(renewal.getId(), ReauthorizePaymentDelegate.VAR_CUSTOMER) != null) {
            runtime.setVariable(renewal.getId(), ReauthorizePaymentDelegate.VAR_CUSTOMER, changed.customer().contact());
        }
    }

    /**
     * Ends the order's renewal, if any. Instances of order-fulfillment versions deployed before
     * {@link #orderEnded} call this at their end, whether the order was backordered or not.
     */
    public void stop(String orderId) {
        runtime.createMessageCorrelation(MESSAGE_ORDER_CLOSED).processInstanceBusinessKey(businessKey(orderId)).correlateAll();
    }
}
