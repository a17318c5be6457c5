package com.orderflow.process;

import java.util.Set;

/** Names shared between the authorisation-renewal model and the Java code that serves it. */
public final class RenewalProcess {

    public static final String KEY = "authorizationRenewal";
    /** A renewal's business key is this and its order's id: the plain id stays the order process's own. */
    public static final String BUSINESS_KEY_PREFIX = "renewal:";

    /** The renewal's timer, brought forward at start when the authorisation's validity got shorter. */
    public static final String EVENT_AUTHORIZATION_ABOUT_TO_LAPSE = "Event_AuthorizationAboutToLapse";
    /** Where a refused renewal waits for ops: without it, an order whose authorisation lapsed is not held. */
    public static final String GATEWAY_LAPSE_DECISION = "Gateway_LapseDecision";
    public static final String TASK_RESOLVE_LAPSED_AUTHORIZATION = "Task_ResolveLapsedAuthorization";
    public static final String EVENT_LAPSE_TASK_UNCLAIMED = "Event_LapseTaskUnclaimed";

    /** The elements the Java code looks up by id (see {@link OrderProcess#ELEMENTS_RELIED_ON}). */
    public static final Set<String> ELEMENTS_RELIED_ON = Set.of(EVENT_AUTHORIZATION_ABOUT_TO_LAPSE, GATEWAY_LAPSE_DECISION,
            TASK_RESOLVE_LAPSED_AUTHORIZATION, EVENT_LAPSE_TASK_UNCLAIMED);

    private RenewalProcess() {
    }
}
