package com.orderflow.process;

import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps secrets out of the engine's history. A payment token ops enter in "Resolve lapsed authorisation"
 * ({@code newPaymentToken}) is a process variable, and history level {@code full} kept its value for the
 * process's 180 days of history, readable by every ops user through {@code /engine-rest/history} and
 * Cockpit, both as the variable and as the form field Tasklist submitted. The history still records that
 * the variable was set, and when; its value reads
 * {@value #WITHHELD}. The running process reads the real value until its step removes it.
 */
@Component
public class WithheldVariableHistory extends AbstractProcessEnginePlugin {

    static final String WITHHELD = "(withheld)";
    /** Variables whose values never reach history. */
    static final Set<String> SECRETS = Set.of("newPaymentToken");

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setEnableDefaultDbHistoryEventHandler(false);
        configuration.getCustomHistoryEventHandlers().add(new Withholding(new DbHistoryEventHandler()));
    }

    private record Withholding(HistoryEventHandler database) implements HistoryEventHandler {

        @Override
        public void handleEvent(HistoryEvent event) {
            if (event instanceof HistoricVariableUpdateEventEntity update && SECRETS.contains(update.getVariableName())) {
                update.setTextValue(update.getTextValue() == null ? null : WITHHELD);
                update.setTextValue2(null);
                update.setByteValue(null);
            }
            // Tasklist submits a form, and the engine records each submitted field besides the variable it sets.
            if (event instanceof HistoricFormPropertyEventEntity field && SECRETS.contains(field.getPropertyId())) {
                field.setPropertyValue(field.getPropertyValue() == null ? null : WITHHELD);
            }
            database.handleEvent(event);
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            events.forEach(this::handleEvent);
        }
    }
}
