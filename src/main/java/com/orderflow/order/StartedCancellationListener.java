package com.orderflow.order;

import com.orderflow.api.ConflictException;
import com.orderflow.process.OrderProcess;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * End listener of "Cancellation requested" ({@code StartEvent_CancellationRequested}): records on the order
 * a cancellation that ops started in Cockpit or through {@code /engine-rest} by correlating
 * {@code CancelOrder}, with who did it ({@link OrderService#recordStartedCancellation}).
 */
@Component
public class StartedCancellationListener implements ExecutionListener {

    private final OrderService orders;

    public StartedCancellationListener(OrderService orders) {
        this.orders = orders;
    }

    @Override
    public void notify(DelegateExecution execution) {
        try {
            orders.recordStartedCancellation((String) execution.getVariable(OrderProcess.VAR_ORDER_ID),
                    CancellationRequester.ops(execution));
        } catch (ConflictException refused) {
            // Undoes the correlation; /engine-rest answers 400 with the reason, as a refused request.
            throw new BadUserRequestException(refused.getMessage());
        }
    }
}
