package com.orderflow.shipping;

import com.orderflow.process.OrderProcess;
import com.orderflow.process.WaitsBroughtForward;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * Keeps collecting parcels within the {@code orderflow.shipping.parcel-collection} now configured: a parcel's
 * "Parcel closed" timer is set from the window of the moment it began to collect, so after a restart with a
 * shorter one (or {@code PT0S}) its units kept waiting out the old window. At every start each such timer due
 * later than the parcel's first receipt plus the new window is brought forward to it, or to now when that has
 * passed. None is moved later.
 */
@Component
public class ParcelSchedule extends WaitsBroughtForward {

    static final String PARCEL_CLOSED = OrderProcess.EVENT_PARCEL_CLOSED;

    private final RuntimeService runtime;
    private final ParcelCollection parcels;
    private final ShippingSettings settings;

    public ParcelSchedule(ManagementService management, RuntimeService runtime, ParcelCollection parcels,
                          ShippingSettings settings, Clock clock) {
        super(management, clock);
        this.runtime = runtime;
        this.parcels = parcels;
        this.settings = settings;
    }

    @Override
    protected int bringForward(Instant now) {
        return bringTimersForward(PARCEL_CLOSED, job -> Optional.ofNullable(
                        runtime.getVariable(job.getProcessInstanceId(), OrderProcess.VAR_ORDER_ID))
                .map(orderId -> parcels.closesAt((String) orderId).orElse(now)), now);
    }

    @Override
    protected String waits() {
        return "collecting parcels";
    }

    @Override
    protected String setting() {
        return "orderflow.shipping.parcel-collection " + settings.getParcelCollection();
    }
}
