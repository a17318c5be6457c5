package com.orderflow.escalation;

import com.orderflow.backorder.Backorder;
import com.orderflow.backorder.BackorderRepository;
import com.orderflow.backorder.Eta;
import com.orderflow.delay.DelaySettings;
import com.orderflow.notification.ShopTime;
import com.orderflow.order.OrderRepository;
import com.orderflow.order.Timeline;
import com.orderflow.order.TimelineType;
import com.orderflow.process.OrderProcess;
import com.orderflow.process.OrderResumption;
import com.orderflow.process.TaskFormRefusal;
import com.orderflow.replenishment.Supplier;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.stereotype.Component;

/**
 * Implements {@code Task_SetNewEta}: ops keep the order waiting with a new ETA (a date from the
 * form means the start of that day in the shop's time zone, {@link ShopTime}) and a note. The open
 * backorders take it, and the waiting order hears {@code EtaChanged}, so its timer moves and the
 * customer is told as for any delay.
 * A date no customer could be promised (more than {@link Supplier#LONGEST_PROMISE} ahead, as for a
 * supplier's date) or no date at all is refused as a form validation error: the completion rolls back,
 * the task stays open, and Tasklist and {@code /engine-rest} answer 400 with the message.
 */
@Component
public class SetNewEtaDelegate implements JavaDelegate {

    private final OrderRepository orders;
    private final BackorderRepository backorders;
    private final Timeline timeline;
    private final OrderResumption resumption;
    private final DelaySettings settings;
    private final ShopTime time;
    private final Clock clock;

    public SetNewEtaDelegate(OrderRepository orders, BackorderRepository backorders, Timeline timeline,
                             OrderResumption resumption, DelaySettings settings, ShopTime time, Clock clock) {
        this.orders = orders;
        this.backorders = backorders;
        this.timeline = timeline;
        this.resumption = resumption;
        this.settings = settings;
        this.time = time;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String orderId = (String) execution.getVariable(OrderProcess.VAR_ORDER_ID);
        Instant eta = eta(execution.getVariable(OrderProcess.VAR_NEW_ETA));
        Object note = execution.getVariable(OrderProcess.VAR_OPS_NOTE);
        orders.lock(orderId).orElseThrow();
        for (Backorder backorder : backorders.ofOrder(orderId)) {
            if (!"OPEN".equals(backorder.status()) || eta.equals(backorder.eta())) {
                continue;
            }
            if (!backorders.moveEta(backorder.id(), new Eta(eta, backorder.etaBasis()))) {
                continue;
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("sku", backorder.sku());
            details.put("previousEta", String.valueOf(backorder.eta()));
            details.put("eta", eta.toString());
            details.put("reason", Timeline.OPS_REASON + (note == null ? "keep waiting" : note));
            timeline.record(orderId, TimelineType.ETA_CHANGED, details, null);
        }
        resumption.etaChanged(List.of(orderId));
        // The order may slip again past ops' date: it goes back to ops as a new order would, counted from here.
        execution.setVariable(OrderProcess.VAR_DELAY_ESCALATED, false);
        execution.setVariable(OrderProcess.VAR_OPS_ETA, Date.from(eta));
        // "Assess delay" sends every delay notice and keeps their count in this variable; the escalation came from it.
        execution.setVariable(OrderProcess.VAR_DELAY_NOTICES_AT_DECISION, execution.getVariable(OrderProcess.VAR_DELAY_NOTICES));
    }

    /**
     * The form's date (required there; {@code /engine-rest} may leave it out, which is refused); a day
     * before today is refused, and a moment of today already past means one overdue step more of waiting.
     */
    private Instant eta(Object value) {
        Instant floor = clock.instant();
        Instant eta;
        if (value instanceof Date date) {
            eta = date.toInstant();
        } else if (value != null && !value.toString().isBlank()) {
            eta = time.parse(value.toString().strip())
                    .orElseThrow(() -> refused("must be a date (YYYY-MM-DD) or a timestamp"));
        } else {
            throw refused("a date is needed to keep the order waiting, e.g. 2027-01-15");
        }
        if (eta.isBefore(time.startOfDay(floor))) {
            // A mistyped year or month read as "one more overdue step" and moved the order without a word to ops.
            throw refused("lies in the past (" + time.show(eta) + "); keep waiting needs today or a later date");
        }
        if (!eta.isAfter(floor)) {
            return floor.plus(settings.getOverdueStep());
        }
        if (eta.isAfter(floor.plus(Supplier.LONGEST_PROMISE))) {
            throw refused("must lie within " + Supplier.LONGEST_PROMISE.toDays() + " days of today, not " + time.show(eta));
        }
        return eta;
    }

    private static FormFieldValidationException refused(String problem) {
        return TaskFormRefusal.refused(OrderProcess.VAR_NEW_ETA, problem);
    }
}
