package com.orderflow.process;

import com.orderflow.order.Order;
import com.orderflow.order.OrderRepository;
import com.orderflow.order.OrderStatus;
import java.util.Arrays;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * Refuses what an ops task's completion sent and its form would not have: Camunda's form validation
 * error, which Tasklist and {@code /engine-rest} answer with 400 and the message
 * ({@code "<variable>: <problem>"}); the completion rolls back and the task stays open. Thrown from an
 * execution listener or a delegate in the completion's transaction: the engine wraps a task listener's
 * exception into a 500.
 */
public final class TaskFormRefusal {

    private TaskFormRefusal() {
    }

    /**
     * Locks the task's order, the lock a cancellation request takes too, and refuses {@code variable} when its
     * cancellation was requested meanwhile: the cancellation takes the task with it a moment later, and a
     * decision in between was recorded, answered as done, and never carried out. Answers the locked order.
     */
    public static Order orderStillToDecide(OrderRepository orders, DelegateExecution execution, String variable) {
        Order order = orders.lock((String) execution.getVariable(OrderProcess.VAR_ORDER_ID)).orElseThrow();
        if (order.cancelRequested() || order.status() == OrderStatus.CANCELLED) {
            throw refused(variable, "the order's cancellation was requested meanwhile (its timeline says by whom); there is"
                    + " nothing left to decide, and the task goes away");
        }
        return order;
    }

    public static FormFieldValidationException refused(String variable, String problem) {
        return new FormFieldValidationException(variable, variable + ": " + problem);
    }

    /**
     * Refuses a value of {@code variable} that is none of {@code choices}' names (the form's radio group),
     * and no value at all when {@code required}. Answers the value taken (null when absent).
     */
    public static String requireOneOf(DelegateExecution execution, String variable, Enum<?>[] choices, boolean required) {
        Object value = execution.getVariable(variable);
        if (value == null ? required : Arrays.stream(choices).noneMatch(choice -> choice.name().equals(value))) {
            throw refused(variable, "must be one of " + Arrays.toString(choices));
        }
        return (String) value;
    }
}
