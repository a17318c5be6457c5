package com.orderflow.notification;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * An ETA as the customer's notices print it, for pages that show it beside them (the customer's choice page):
 * a day in the shop's zone, or its date and time where notices give times ({@link DelayNoticePolicy#daysOnly()}).
 * The choice page printed the day alone while the notice linking to it gave the minute.
 */
@Component
public class NoticeDates {

    private final ZoneId zone;
    private final boolean withTime;

    public NoticeDates(NotificationProperties settings, DelayNoticePolicy policy) {
        this.zone = settings.timeZone();
        this.withTime = !policy.daysOnly();
    }

    public String format(Instant at, Locale locale) {
        return at == null ? null : NoticeFormat.dates(locale, withTime).format(at.atZone(zone));
    }
}
