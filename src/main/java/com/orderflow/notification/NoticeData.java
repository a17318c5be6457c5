package com.orderflow.notification;

/**
 * Names of the extra model data a caller passes to {@link CustomerNotifier#notify(String, NoticeKind, String, java.util.Map)}
 * for what only the caller knows.
 */
public final class NoticeData {

    /** DELAYED (required): the new ETA; an {@link java.time.Instant}, {@link java.time.OffsetDateTime}, {@link java.util.Date} or ISO-8601 text. */
    public static final String NEW_ETA = "newEta";
    /**
     * DELAYED: the date the customer knew before this notice. Only lines expected later than it are listed
     * as delayed; the others as still on schedule, with their dates.
     */
    public static final String PREVIOUS_ETA = "previousEta";
    /**
     * DELAYED, for an order judged per line ({@code PARTIAL}): a {@code Map<Integer, Instant>} from the number of each
     * order line that moved to the date the customer knew for it. Those lines are listed as delayed, each with that
     * date and its new one; the others as still on schedule, and {@link #PREVIOUS_ETA} is not used.
     */
    public static final String PREVIOUS_LINE_ETAS = "previousLineEtas";
    /**
     * DELAYED judged per line: as {@link #PREVIOUS_LINE_ETAS}, the lines now expected sooner than their customer was
     * told (their date came forward without a notice); listed apart, each with both dates, not "as announced".
     */
    public static final String SOONER_LINE_ETAS = "soonerLineEtas";
    /** DELAYED: the {@link java.time.ZoneId} whose days the customer read {@link #PREVIOUS_ETA} in; absent: the notices' zone. */
    public static final String PREVIOUS_ETA_TOLD_IN = "previousEtaToldIn";
    /** DELAYED: the {@link ConsolationOffer} this notice makes, if any (see {@link DelayNoticePolicy}). */
    public static final String CONSOLATION = "consolation";
    /** DELAYED: the discount code that redeems a {@link Consolation#DISCOUNT} offer, if there is one. */
    public static final String DISCOUNT_CODE = "discountCode";
    /**
     * DELAYED: the customer's personal choice links, a {@code Map<String, String>} from
     * {@link #KEEP_WAITING}, {@link #SHIP_AVAILABLE} and {@link #CANCEL} to a URL. Offered choices only.
     */
    public static final String CHOICE_LINKS = "choiceLinks";

    public static final String KEEP_WAITING = "KEEP_WAITING";
    public static final String SHIP_AVAILABLE = "SHIP_AVAILABLE";
    public static final String CANCEL = "CANCEL";

    private NoticeData() {
    }
}
