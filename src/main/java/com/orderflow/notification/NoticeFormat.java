package com.orderflow.notification;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
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
        this.date = (withTime ? DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)).withLocale(locale);
        this.zone = zone;
    }

    public String money(BigDecimal amount) {
        return amount == null ? "" : money.format(amount);
    }

    public String date(Instant at) {
        return at == null ? "" : date.format(at.atZone(zone));
    }
}
