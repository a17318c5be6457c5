package com.orderflow.security;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Holds back what the engine's REST layer logs for a request while a guard decides what its failure was.
 * {@code /engine-rest} and the webapps' API (Tasklist's decisions) log every 500 as a WARN
 * {@code ENGINE-REST-HTTP500} with the whole stack trace, also for an ops decision or a correlation that lost
 * a race, which the guards answer 409 or 404: whoever is on call read a stack trace each time two ops users,
 * or an ops user and a delivery, met on one order. A failure the guard answers leaves its one INFO line; any
 * other failure is logged as the engine logged it.
 */
@Component
class HeldEngineRestLog extends TurboFilter implements InitializingBean, DisposableBean {

    /** The engine REST layer's logger of failed requests ({@code ExceptionLogger.REST_API}). */
    static final String ENGINE_REST_FAILURES = "org.camunda.bpm.engine.rest.exception";

    private final ThreadLocal<List<HeldLine>> held = new ThreadLocal<>();

    /** A step of a filter chain. */
    @FunctionalInterface
    interface RequestStep {
        void run() throws IOException, ServletException;
    }

    /** What the engine's REST layer logged at WARN or above during a held step, not written yet. */
    record HeldLines(List<HeldLine> lines) {

        /** Writes the lines as the engine logged them: the failure was not one a guard answers. */
        void logAsTheEngineDid() {
            lines.forEach(HeldLine::log);
        }
    }

    record HeldLine(String logger, Level level, String message) {

        void log() {
            org.slf4j.Logger target = LoggerFactory.getLogger(logger);
            if (level.isGreaterOrEqual(Level.ERROR)) {
                target.error("{}", message);
            } else {
                target.warn("{}", message);
            }
        }
    }

    /**
     * Runs {@code step} with the engine REST layer's failure lines of this thread held back. A step that throws
     * leaves no guard to decide: its lines are logged before the exception goes on.
     */
    HeldLines holdWhile(RequestStep step) throws IOException, ServletException {
        List<HeldLine> lines = new ArrayList<>();
        List<HeldLine> outer = held.get();
        held.set(lines);
        boolean ran = false;
        try {
            step.run();
            ran = true;
        } finally {
            if (outer == null) {
                held.remove();
            } else {
                held.set(outer);
            }
            if (!ran) {
                lines.forEach(HeldLine::log);
            }
        }
        return new HeldLines(List.copyOf(lines));
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        // Asked of every logging call in the node, debug checks included: the cheapest tests first.
        if (format == null || !level.isGreaterOrEqual(Level.WARN) || !ENGINE_REST_FAILURES.equals(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        List<HeldLine> lines = held.get();
        if (lines == null) {
            return FilterReply.NEUTRAL;
        }
        lines.add(new HeldLine(logger.getName(), level, MessageFormatter.arrayFormat(format, params).getMessage()));
        return FilterReply.DENY;
    }

    @Override
    public void afterPropertiesSet() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            setName("held-engine-rest-log");
            setContext(context);
            start();
            context.addTurboFilter(this);
        }
    }

    @Override
    public void destroy() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getTurboFilterList().remove(this);
        }
        stop();
    }
}
