package com.orderflow.delay;

import com.orderflow.notification.DelayNoticePolicy;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Whether a later ETA is a delay to tell the customer of: for an order shipped complete, its latest date against
 * what they know; for one shipped in parts, each waiting line's date against what they were told of that line.
 */
@Component
class DelayJudgement {

    private final DelayNoticePolicy policy;

    DelayJudgement(DelayNoticePolicy policy) {
        this.policy = policy;
    }

    /**
     * Whether {@code eta} is a delay to announce against {@code known}, the date the customer knows, first promised
     * as {@code firstPromise}: later than {@code known} and beyond the silent threshold. The threshold counts from
     * the first promise, or from an earlier date a parcel's notice told since: slipping back to the first promise
     * from a date the customer was given in writing is a delay. Once a delay was announced ({@code delayAnnounced})
     * the threshold is behind: each later day is announced, as the first was.
     */
    boolean worthNotice(Instant eta, Instant known, Instant firstPromise, boolean delayAnnounced, ZoneId toldIn) {
        Instant promise = known.isBefore(firstPromise) ? known : firstPromise;
        return policy.isLater(eta, known, toldIn) && (delayAnnounced || policy.needsNotice(promise, eta, toldIn));
    }

    /**
     * The waiting lines of a {@code PARTIAL} order now expected later than the customer was told for each, when at
     * least one of them is a delay to announce (see {@link #worthNotice}; a line is past its threshold once a notice
     * gave it a date beyond its promise), and those now expected sooner, which that notice gives their new date
     * too; none otherwise. A line backordered before its own dates were kept (V38) is measured by the order's.
     */
    LineChanges lineChanges(List<LineDelayState> lines, DelayState state, Instant orderKnown) {
        List<LineSlip> later = new ArrayList<>();
        List<LineSlip> sooner = new ArrayList<>();
        boolean announce = false;
        for (LineDelayState line : lines) {
            Instant promise = line.firstPromise() != null ? line.firstPromise() : state.firstPromise();
            Instant known = line.told() != null ? line.told() : orderKnown;
            if (!policy.isLater(line.eta(), known, state.toldIn())) {
                // Listed "as announced" with a date the customer was never given, when it came forward silently.
                if (policy.isLater(known, line.eta(), state.toldIn())) {
                    sooner.add(new LineSlip(line.lineNo(), line.sku(), known, line.eta()));
                }
                continue;
            }
            // Every line later than its date is named, not only the one past its threshold: the notice lists the
            // rest as on schedule, each with its date.
            later.add(new LineSlip(line.lineNo(), line.sku(), known, line.eta()));
            boolean delayAnnounced = line.announcedEta() != null && policy.isLater(line.announcedEta(), promise, state.toldIn());
            announce |= worthNotice(line.eta(), known, promise, delayAnnounced, state.toldIn());
        }
        return announce ? new LineChanges(later, sooner) : new LineChanges(List.of(), List.of());
    }

    /** A notice's lines expected later, and sooner, than their customer was told. */
    record LineChanges(List<LineSlip> later, List<LineSlip> sooner) {
    }

    /** A waiting line expected on another day than the customer was told for it. */
    record LineSlip(int lineNo, String sku, Instant previousEta, Instant eta) {

        Map<String, Object> details() {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("sku", sku);
            details.put("previousEta", previousEta.toString());
            details.put("eta", eta.toString());
            return details;
        }
    }
}
