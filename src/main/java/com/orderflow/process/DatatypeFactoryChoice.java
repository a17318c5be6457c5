package com.orderflow.process;

import javax.xml.datatype.DatatypeFactory;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Names the JDK's own {@link DatatypeFactory} before the engine starts. The engine reads a job's
 * retry cycle ({@code R5/PT30S}) each time it creates an async job, and each read asks
 * {@code DatatypeFactory.newInstance()}, which without this property searches every jar on the class
 * path for a provider: 7% of the service's CPU under load (docs/performance.md). No jar here provides
 * one, so the search always ends at the same JDK class. A value set by the operator is left alone.
 */
@Component
public class DatatypeFactoryChoice extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(DatatypeFactoryChoice.class);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY) == null) {
            System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY,
                    DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
            log.info("Using the JDK's XML datatype factory for the engine's retry cycles");
        }
    }
}
