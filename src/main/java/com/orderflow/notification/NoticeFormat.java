package com.orderflow.notification;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.Currency;
import java.util.Locale;

/**
 * Formats amounts and dates in a notice for the customer's locale; the templates call it as
 * {@code fmt.money(...)} and {@code fmt.date(...)}. Dates are days in the shop's time zone: an ETA
 * is a promise about a day, not an hour.
 */
public final class NoticeFormat {

    private final NumberFormat money;
    private final DateTimeFormatter date;
    private final ZoneId zone;

    NoticeFormat(Locale locale, ZoneId zone, String currency) {
        this(locale, zone, currency, false);
    }

    /** @param withTime dates with the time of day (see {@link DelayNoticePolicy#daysOnly()}) */
    NoticeFormat(Locale locale, ZoneId zone, String currency, boolean withTime) {
        this.money = NumberFormat.getCurrencyInstance(locale);
        Currency unit = Currency.getInstance(currency);
        this.money.setCurrency(unit);
        // setCurrency keeps the locale's own currency's decimals: yen read "1.200,00 ¥".
        this.money.setMinimumFractionDigits(unit.getDefaultFractionDigits());
        this.money.setMaximumFractionDigits(unit.getDefaultFractionDigits());
        this.date = dates(locale, withTime);
        this.zone = zone;
    }

    /**
     * Days, or with {@code withTime} the date, the time and the zone's name ("November 7, 2027, 1:30 AM EST"):
     * a time alone is ambiguous on the night the clocks go back, and a notice announcing 1:30 AM in summer time
     * and then 1:30 AM in winter time read as no delay at all.
     */
    public static DateTimeFormatter dates(Locale locale, boolean withTime) {
        if (!withTime) {
            return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
        }
        return new DateTimeFormatterBuilder().appendLocalized(FormatStyle.LONG, FormatStyle.SHORT).appendLiteral(' ')
                .appendZoneText(TextStyle.SHORT).toFormatter(locale);
    }

    public String money(BigDecimal amount) {
        return amount == null ? "" : money.format(amount);
    }

    public String date(Instant at) {
        return at == null ? "" : date.format(at.atZone(zone));
    }
}
