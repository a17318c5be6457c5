package com.orderflow.process;

import com.orderflow.order.Order;
import com.orderflow.order.OrderRepository;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Refuses deleting the process of an order that is still open, from Cockpit, {@code /engine-rest} or a batch: the
 * process is what releases the order's stock, voids or captures its money and tells its customer. A deleted one left
 * the order waiting with its card held, a later cancel answered 202 and did nothing, and a stock count reserved units
 * for it that nobody would ship. Ops cancel the order instead. The listener is the engine's own kind, which
 * "skip custom listeners" does not skip. A finished order's process may still be deleted (one stuck after its end).
 */
@Component
public class OpenOrderDeletionGuard extends AbstractProcessEnginePlugin {

    private final OrderRepository orders;

    public OpenOrderDeletionGuard(OrderRepository orders) {
        this.orders = orders;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = new ArrayList<>();
        if (configuration.getCustomPreBPMNParseListeners() != null) {
            listeners.addAll(configuration.getCustomPreBPMNParseListeners());
        }
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element process, ProcessDefinitionEntity definition) {
                if (OrderProcess.KEY.equals(definition.getKey())) {
                    ExecutionListener guard = OpenOrderDeletionGuard.this::refuseIfOpen;
                    definition.addBuiltInListener(ExecutionListener.EVENTNAME_END, guard);
                }
            }
        });
        configuration.setCustomPreBPMNParseListeners(listeners);
    }

    private void refuseIfOpen(DelegateExecution processInstance) {
        if (!processInstance.isCanceled()) {
            return; // ended by its own flow
        }
        String orderId = processInstance.getProcessBusinessKey();
        Order order = orderId == null ? null : orders.find(orderId).orElse(null);
        // Open, or held with a capture still to come: what still needs the payment still needs the process.
        if (order != null && order.needsAuthorization()) {
            throw new BadUserRequestException("Order " + orderId + " is " + order.status() + (order.paymentLapsed()
                    ? " with its payment held" : "") + ": deleting its process would leave its stock reserved and its"
                    + " money unsettled. Cancel the order instead (POST /api/orders/" + orderId + "/cancel, or message"
                    + " CancelOrder); nothing was deleted.");
        }
    }
}
