package com.orderflow.report;

import com.orderflow.api.DurationText;
import com.orderflow.api.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** The period a report covers: {@code orderflow.report.default-period} up to now for a bound not given. */
@Component
class ReportPeriods {

    private final ReportSettings settings;
    private final Clock clock;

    ReportPeriods(ReportSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    BackorderReport.Period of(Instant from, Instant to) {
        Instant now = clock.instant();
        Instant start = from != null ? from : now.minus(settings.defaultPeriod());
        Instant end = to != null ? to : now;
        if (!start.isBefore(end)) {
            // One bound given is checked against the other's default, or the report answers an empty period.
            throw to == null
                    ? new InvalidInputException("from", "must be before to, which is now when not given")
                    : new InvalidInputException("to", "must be after from" + (from == null
                            ? ", which is " + DurationText.of(settings.defaultPeriod()) + " before now when not given" : ""));
        }
        return new BackorderReport.Period(start, end);
    }
}
