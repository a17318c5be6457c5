package com.orderflow.notification;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Formats amounts and dates in a notice for the customer's locale; the templates call it as
 * {@code fmt.money(...)} and {@code fmt.date(...)}. Dates are days in the shop's time zone: an ETA
 * is a promise about a day, not an hour.
 */
public final class NoticeFormat {

    /**
     * Lines a list holds before it reads as a packing list: a business's order of a hundred lines listed
     * each product with the same date again and without the SKU its buyer orders by.
     */
    static final int LONG_LIST = 8;

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

    /** "3 × Oak table"; in a long list with the SKU, "3 × Oak table (TABLE-OAK)". */
    public String item(NoticeLine line, List<NoticeLine> list) {
        String item = line.quantity() + " × " + line.name();
        return grouped(list) && !line.sku().equals(line.name()) ? item + " (" + line.sku() + ")" : item;
    }

    /** Whether a list of lines is long enough to be listed under its dates (see {@link #byDate}). */
    public boolean grouped(List<NoticeLine> lines) {
        return lines.size() > LONG_LIST;
    }

    /** The lines under each date they are expected by, earliest date first, each in the order's order. */
    public List<DateGroup> byDate(List<NoticeLine> lines) {
        Map<String, List<NoticeLine>> byDate = new LinkedHashMap<>();
        lines.forEach(line -> byDate.computeIfAbsent(date(line.eta()), day -> new ArrayList<>()).add(line));
        return byDate.values().stream()
                .sorted(Comparator.comparing(NoticeFormat::earliestEta, Comparator.nullsLast(Comparator.naturalOrder())))
                .map(group -> new DateGroup(date(group.get(0).eta()), List.copyOf(group))).toList();
    }

    private static Instant earliestEta(List<NoticeLine> lines) {
        return lines.stream().map(NoticeLine::eta).filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
    }

    /** Lines expected by one date, as a notice prints it. */
    public record DateGroup(String date, List<NoticeLine> lines) {
    }
}
