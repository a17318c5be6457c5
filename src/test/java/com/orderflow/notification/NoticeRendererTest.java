package com.orderflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The templates and words of the notices, rendered without a database. */
class NoticeRendererTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** 23:30 UTC on 6 March is already 7 March in Berlin (UTC+1 in winter). */
    static final Instant ETA = Instant.parse("2026-03-06T23:30:00Z");

    NoticeRenderer renderer = new NoticeRenderer();

    @Test
    void germanCustomerReadsGermanWithGermanAmountsAndDates() {
        RenderedNotice notice = render(NoticeKind.BACKORDERED, "de");

        assertThat(notice.subject()).isEqualTo("Ihre Bestellung A-1: einige Artikel folgen später");
        assertThat(plain(notice.text())).startsWith("Hallo Ada,\n\nVielen Dank für Ihre Bestellung.")
                .contains("  3 × Oak table: voraussichtlich bis 7. März 2026\n")
                .contains("Was vorrätig ist, schicken wir gleich los")
                .endsWith("Viele Grüße\nIhr Orderflow-Team\n\n--\nDiese E-Mail betrifft Ihre Bestellung A-1. "
                        + "Bitte geben Sie die Bestellnummer an, wenn Sie uns schreiben.\n");
        assertThat(plain(render(NoticeKind.CONFIRMED, "de").text())).contains("Gesamt: 1.234,50 €");
        assertThat(plain(render(NoticeKind.CANCELLED, "de-DE").text())).contains("Die noch auf Ihrer Karte reservierten 936,50 €");
    }

    @Test
    void everyOtherCustomerReadsEnglish() {
        assertThat(render(NoticeKind.CONFIRMED, "fr").subject()).isEqualTo("Your order A-1 is confirmed");
        assertThat(plain(render(NoticeKind.CONFIRMED, "en").text())).contains("Total: €1,234.50");
        assertThat(plain(render(NoticeKind.BACKORDERED, "en").text())).contains("3 × Oak table: expected by March 7, 2026");
        assertThat(plain(render(NoticeKind.BACKORDERED, "en-GB").text())).contains("expected by 7 March 2026");
        assertThat(plain(render(NoticeKind.BACKORDERED, null).text())).contains("expected by March 7, 2026");
        assertThat(plain(render(NoticeKind.CONFIRMED, "de-AT").text())).contains("Gesamt: € 1.234,50");
    }

    /** Yen have no minor unit: the notices said "1.200,00 ¥". */
    @Test
    void amountsHaveTheDecimalsOfTheirCurrency() {
        Map<String, Object> yen = model("de");
        yen.put("fmt", new NoticeFormat(NoticeLocale.of("de").format(), BERLIN, "JPY"));
        yen.put("total", new BigDecimal("1200"));
        Map<String, Object> dinar = model("en");
        dinar.put("fmt", new NoticeFormat(NoticeLocale.of("en").format(), BERLIN, "KWD"));

        assertThat(plain(renderer.render(NoticeKind.CONFIRMED, Locale.GERMAN, yen).text())).contains("Gesamt: 1.200 ¥")
                .contains("2 × Oak chair: 298 ¥");
        assertThat(renderer.render(NoticeKind.CONFIRMED, Locale.ENGLISH, dinar).text()).contains("Total: KWD1,234.500");
    }

    @Test
    void everyKindRendersInBothLanguagesWithNoWordMissing() {
        for (String language : List.of("en", "de")) {
            for (NoticeKind kind : NoticeKind.values()) {
                RenderedNotice notice = render(kind, language);

                assertThat(notice.subject()).as("%s %s", kind, language).contains("A-1").doesNotContain("??");
                assertThat(notice.text()).as("%s %s", kind, language).doesNotContain("??").doesNotContain("[(")
                        .doesNotContain("\n\n\n");
                assertThat(notice.html()).as("%s %s", kind, language).doesNotContain("??").doesNotContain(" th:").doesNotContain("xmlns:th")
                        .contains("<html lang=\"" + language + "\">");
            }
        }
    }

    /**
     * WCAG AA: text at least 4.5:1 against what it is written on (the white card, or its own background). The small
     * grey footer and "these links are yours alone" were #777 on white, 4.48:1.
     */
    @Test
    void everyTextColourReadsAgainstItsBackground() {
        Pattern style = Pattern.compile("style=\"([^\"]*)\"");
        for (NoticeKind kind : NoticeKind.values()) {
            Matcher styles = style.matcher(render(kind, "en").html());
            while (styles.find()) {
                String color = cssColour(styles.group(1), "(?<![-a-z])color");
                String background = cssColour(styles.group(1), "background(?:-color)?");
                if (color != null) {
                    assertThat(contrast(color, background == null ? "#ffffff" : background))
                            .as("%s: %s", kind, styles.group(1)).isGreaterThanOrEqualTo(4.5);
                }
            }
        }
    }

    private static String cssColour(String style, String property) {
        Matcher value = Pattern.compile(property + "\\s*:\\s*(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3})").matcher(style);
        return value.find() ? value.group(1) : null;
    }

    private static double contrast(String one, String other) {
        double a = luminance(one);
        double b = luminance(other);
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }

    private static double luminance(String hex) {
        String rgb = hex.length() == 4 ? hex.replaceAll("([0-9a-fA-F])", "$1$1").substring(1) : hex.substring(1);
        double[] channel = new double[3];
        for (int i = 0; i < 3; i++) {
            double c = Integer.parseInt(rgb.substring(2 * i, 2 * i + 2), 16) / 255.0;
            channel[i] = c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * channel[0] + 0.7152 * channel[1] + 0.0722 * channel[2];
    }

    /** The last parcel of an order whose rest was cancelled said "your order is complete" and named nothing cancelled. */
    @Test
    void lastParcelOfAnOrderWhoseRestWasCancelledSaysSoAndListsWhatWasCancelled() {
        for (String language : List.of("en", "de")) {
            Map<String, Object> model = model(language);
            model.put("cancelled", List.of(new NoticeLine("T", "Oak table", 3, new BigDecimal("2809.50"), null)));
            RenderedNotice notice = renderer.render(NoticeKind.SHIPPED, Locale.forLanguageTag(language), model);
            RenderedNotice plainShipped = renderer.render(NoticeKind.SHIPPED, Locale.forLanguageTag(language), model(language));

            String cancelledHeading = language.equals("en") ? "Cancelled, not sent and not charged:"
                    : "Storniert, nicht versandt und nicht berechnet:";
            String restIntro = language.equals("en") ? "the rest of your order is on its way" : "Der Rest Ihrer Bestellung";
            String completeIntro = language.equals("en") ? "your order is complete" : "vollständig";
            for (String body : List.of(notice.text(), notice.html())) {
                assertThat(body).as(language).contains(restIntro).contains(cancelledHeading).contains("3 × Oak table")
                        .doesNotContain(completeIntro);
            }
            assertThat(plainShipped.text()).as(language).contains(completeIntro).doesNotContain(cancelledHeading);
        }
    }

    /** After "ship what is available" the first and only parcel said "the rest of your order", with nothing sent before. */
    @Test
    void onlyParcelOfAnOrderWhoseRestWasCancelledIsTheOrderWithoutTheCancelledItems() {
        for (String language : List.of("en", "de")) {
            Map<String, Object> model = model(language);
            model.put("cancelled", List.of(new NoticeLine("T", "Oak table", 3, new BigDecimal("2809.50"), null)));
            model.put("earlierParcel", false);
            RenderedNotice notice = renderer.render(NoticeKind.SHIPPED, Locale.forLanguageTag(language), model);

            String intro = language.equals("en") ? "your order is on its way to you, without the items cancelled below"
                    : "Ihre Bestellung ist auf dem Weg zu Ihnen, ohne die unten genannten stornierten Artikel";
            String restIntro = language.equals("en") ? "the rest of your order" : "Der Rest Ihrer Bestellung";
            for (String body : List.of(notice.text(), notice.html())) {
                assertThat(body).as(language).contains(intro).contains("3 × Oak table").doesNotContain(restIntro);
            }
        }
    }

    /**
     * The cancellation notice promised "a separate confirmation" of a refund that no step ever sent.
     * It is sent after the money was settled, so it now says what was charged, released and refunded.
     */
    @Test
    void cancellationNoticeSaysWhatHappenedToTheMoney() {
        Map<String, Object> partlySent = model("en");
        partlySent.put("cancelled", List.of(new NoticeLine("T", "Oak table", 1, new BigDecimal("936.50"), null)));
        Map<String, Object> nothingSent = model("en");
        nothingSent.put("sent", List.of());
        nothingSent.put("charged", BigDecimal.ZERO);
        Map<String, Object> refunded = model("de");
        refunded.put("charged", new BigDecimal("248.10"));
        refunded.put("refunded", new BigDecimal("49.90"));
        Map<String, Object> tracked = model("en");
        tracked.put("parcels", List.of(new NoticeShipment("SimCarrier", "SIM856A09453DC8", List.of(), new BigDecimal("298.00")),
                new NoticeShipment("Nordic Woods", null, List.of(), new BigDecimal("10.00"))));

        RenderedNotice partly = renderer.render(NoticeKind.CANCELLED, Locale.ENGLISH, partlySent);
        for (String body : List.of(partly.text(), partly.html())) {
            assertThat(body).contains("Cancelled, not sent and not charged:").contains("1 × Oak table")
                    .contains("Already sent to you, for which we have charged €298.00:").contains("2 × Oak chair")
                    .contains("We have released the €936.50 still reserved on your card.")
                    .doesNotContain("refund").doesNotContain("not been charged").doesNotContain("confirmation");
        }
        // A parcel whose own notice the cancellation overtook can still be tracked.
        RenderedNotice withTracking = renderer.render(NoticeKind.CANCELLED, Locale.ENGLISH, tracked);
        assertThat(withTracking.text()).contains("  2 × Oak chair\nTracking number (SimCarrier): SIM856A09453DC8\n")
                .doesNotContain("Nordic Woods");
        assertThat(withTracking.html()).contains("Tracking number (SimCarrier): SIM856A09453DC8");
        assertThat(renderer.render(NoticeKind.CANCELLED, Locale.ENGLISH, nothingSent).text())
                .contains("You have not been charged for this order.").doesNotContain("Already sent");
        assertThat(plain(renderer.render(NoticeKind.CANCELLED, Locale.GERMAN, refunded).text()))
                .contains("Bereits an Sie versandt; dafür haben wir 248,10 € berechnet:\n  2 × Oak chair\n\n")
                .contains("Wir haben Ihnen 49,90 € auf Ihr ursprüngliches Zahlungsmittel erstattet.");
        assertThat(plain(renderer.render(NoticeKind.CANCELLED, Locale.GERMAN, refunded).html()))
                .contains("Wir haben Ihnen 49,90 € auf Ihr ursprüngliches Zahlungsmittel erstattet.");
    }

    /**
     * A held order cancelled after a drop-ship parcel left: one parcel charged, the other not. The notice listed both
     * under "for which we have charged €35.00", and the customer had to work out which part they still owed. Its
     * hold had lapsed, and the notice said "we have released" it beside "your card could no longer be charged".
     */
    @Test
    void cancellationNoticeSaysWhichPartOfWhatWasSentIsStillToBePaid() {
        for (String language : List.of("en", "de")) {
            Map<String, Object> partlyUnpaid = model(language);
            partlyUnpaid.put("charged", new BigDecimal("35.00"));
            partlyUnpaid.put("unpaid", new BigDecimal("10.01"));
            partlyUnpaid.put("released", BigDecimal.ZERO);
            partlyUnpaid.put("holdLapsed", new BigDecimal("45.01"));

            RenderedNotice notice = renderer.render(NoticeKind.CANCELLED, Locale.forLanguageTag(language), partlyUnpaid);

            for (String body : List.of(plain(notice.text()), plain(notice.html()))) {
                if (language.equals("en")) {
                    assertThat(body).contains("Already sent to you, worth €45.01, of which we have charged €35.00:")
                            .contains("Your card could no longer be charged for €10.01 of the goods already sent")
                            .contains("The hold of €45.01 on your card has already ended.")
                            .doesNotContain("for which we have charged").doesNotContain("released");
                } else {
                    assertThat(body).contains("Bereits an Sie versandt, im Wert von 45,01 €; davon haben wir 35,00 € berechnet:")
                            .contains("Für 10,01 € der bereits versandten Ware konnten wir Ihre Karte nicht mehr belasten")
                            .contains("Die Reservierung von 45,01 € auf Ihrer Karte ist bereits abgelaufen")
                            .doesNotContain("freigegeben");
                }
            }
        }
    }

    /** The shop's request was answered before payment and stock were checked: the customer learns why it failed. */
    @Test
    void rejectionNoticeSaysWhyTheOrderFailed() {
        Map<String, Object> outOfStock = model("en");
        Map<String, Object> declined = model("de");
        declined.put("reason", "PAYMENT_DECLINED");
        declined.put("refused", List.of());
        Map<String, Object> notAsPlaced = model("en");
        notAsPlaced.put("reason", "INVALID_ORDER");
        notAsPlaced.put("refused", List.of());

        RenderedNotice stock = renderer.render(NoticeKind.REJECTED, Locale.ENGLISH, outOfStock);
        assertThat(stock.subject()).isEqualTo("We could not accept your order A-1");
        assertThat(stock.text()).contains("We do not have enough of these items in stock, and we cannot order more of them for you:\n"
                + "  3 × Glass vase\n\n").contains("You have not been charged").doesNotContain("declined");
        assertThat(stock.html()).contains("3 × Glass vase").doesNotContain("declined");
        RenderedNotice card = renderer.render(NoticeKind.REJECTED, Locale.GERMAN, declined);
        assertThat(card.subject()).isEqualTo("Wir konnten Ihre Bestellung A-1 nicht annehmen");
        for (String body : List.of(card.text(), card.html())) {
            assertThat(body).contains("Ihre Karte wurde abgelehnt").contains("Ihnen wurde nichts berechnet")
                    .doesNotContain("Lager").doesNotContain("Glass vase");
        }
        assertThat(renderer.render(NoticeKind.REJECTED, Locale.ENGLISH, notAsPlaced).text())
                .contains("Some items are no longer sold as you ordered them.").doesNotContain("declined")
                .doesNotContain("in stock");
    }

    @Test
    void noticeReadsTheSameOnceItsExpressionsAreCompiled() {
        // Spring compiles an expression after it has been interpreted 100 times; shipments render far more.
        Map<String, RenderedNotice> first = new HashMap<>();
        for (int i = 0; i < 150; i++) {
            for (String language : List.of("en", "de")) {
                for (NoticeKind kind : NoticeKind.values()) {
                    RenderedNotice notice = render(kind, language);
                    RenderedNotice expected = first.computeIfAbsent(kind + " " + language, k -> notice);
                    assertThat(notice).as("%s %s, rendering %d", kind, language, i + 1).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void bothLanguagesHaveTheSameWords() throws IOException {
        assertThat(keys("messages_de.properties")).isEqualTo(keys("messages_en.properties"));
    }

    @Test
    void customerInputIsEscapedInHtmlAndKeptAsIsInPlainText() {
        Map<String, Object> model = model("en");
        model.put("customerName", "Ada <b>&</b>");

        RenderedNotice notice = renderer.render(NoticeKind.CANCELLED, Locale.ENGLISH, model);

        assertThat(notice.html()).contains("Hello Ada &lt;b&gt;&amp;&lt;/b&gt;,").doesNotContain("<b>");
        assertThat(notice.text()).startsWith("Hello Ada <b>&</b>,");
    }

    @Test
    void firstDelayNoticeWithoutConsolationOrLinksGivesTheNewEtaOnly() {
        Map<String, Object> model = model("en");
        model.put("consolation", null);
        model.put("choices", List.of());

        String text = renderer.render(NoticeKind.DELAYED, Locale.ENGLISH, model).text();

        assertThat(text).contains("We now expect them by March 20, 2026.")
                .doesNotContain("make up for").doesNotContain("prefer").doesNotContain("https://");
    }

    /** A line of another supplier still on its date was listed as delayed too, with a cancellation offered on that basis. */
    @Test
    void delayNoticeListsAsDelayedOnlyTheLinesThatAreAndTheOthersWithTheirDates() {
        Map<String, Object> model = model("en");
        model.put("onSchedule", List.of(new NoticeLine("M", "Mid mug", 1, null, Instant.parse("2026-03-02T10:00:00Z"))));

        RenderedNotice notice = renderer.render(NoticeKind.DELAYED, Locale.ENGLISH, model);

        assertThat(notice.text()).contains("taking longer than we promised.\n\n  3 × Oak table\n\nWe now expect them by March 20, 2026.")
                .contains("Still on schedule:\n  1 × Mid mug: expected by March 2, 2026\n");
        assertThat(notice.html()).contains("Still on schedule:").contains("1 × Mid mug").contains("expected by March 2, 2026");
        assertThat(renderer.render(NoticeKind.DELAYED, Locale.ENGLISH, model("en")).text()).doesNotContain("on schedule");
    }

    /**
     * A PARTIAL order's line moved past its own date while another line stays later still: the order's latest date
     * did not move, so each moved line says which date it had and which it has now.
     */
    @Test
    void aDelayJudgedPerLineGivesEachMovedLineItsPreviousAndNewDate() {
        Map<String, Object> model = model("en");
        model.put("perLine", true);
        model.put("delayed", List.of(new NoticeLine("M", "Mid mug", 1, null, Instant.parse("2026-03-16T10:00:00Z"),
                Instant.parse("2026-03-06T10:00:00Z"))));
        model.put("onSchedule", List.of(new NoticeLine("T", "Oak table", 3, null, Instant.parse("2026-03-26T10:00:00Z"))));
        model.put("sooner", List.of(new NoticeLine("D", "Walnut desk", 1, null, Instant.parse("2026-03-12T10:00:00Z"),
                Instant.parse("2026-03-20T10:00:00Z"))));
        Map<String, Object> german = new HashMap<>(model);
        german.put("fmt", new NoticeFormat(NoticeLocale.of("de").format(), BERLIN, "EUR"));

        RenderedNotice english = renderer.render(NoticeKind.DELAYED, Locale.ENGLISH, model);
        RenderedNotice deutsch = renderer.render(NoticeKind.DELAYED, Locale.GERMAN, german);

        assertThat(english.text()).contains("taking longer than we promised.\n\n"
                        + "  1 × Mid mug: now expected by March 16, 2026 (previously March 6, 2026)\n\n"
                        + "Still on schedule:\n  3 × Oak table: expected by March 26, 2026\n\n"
                        + "Coming sooner than we said:\n  1 × Walnut desk: now expected by March 12, 2026 (previously March 20, 2026)\n")
                .doesNotContain("We now expect them").doesNotContain("\n\n\n");
        assertThat(english.html()).contains("<li>1 × Mid mug: <strong>now expected by March 16, 2026 (previously March 6, 2026)</strong></li>")
                .contains("Coming sooner than we said:").contains("now expected by March 12, 2026 (previously March 20, 2026)")
                .doesNotContain("We now expect them");
        assertThat(plain(deutsch.text())).contains("  1 × Mid mug: jetzt voraussichtlich bis 16. März 2026 (bisher 6. März 2026)\n")
                .contains("Weiterhin wie angekündigt:\n  3 × Oak table: voraussichtlich bis 26. März 2026\n")
                .contains("Früher als angekündigt:\n  1 × Walnut desk: jetzt voraussichtlich bis 12. März 2026 (bisher 20. März 2026)\n")
                .doesNotContain("Wir erwarten sie jetzt");
        assertThat(deutsch.html()).contains("jetzt voraussichtlich bis 16. März 2026 (bisher 6. März 2026)");
    }

    @Test
    void delayNoticeOffersFreeShippingAndTheChoicesInAFixedOrder() {
        Map<String, Object> model = model("de");
        model.put("consolation", new ConsolationOffer(Consolation.FREE_SHIPPING, 0));
        model.put("discountCode", null);

        String text = plain(renderer.render(NoticeKind.DELAYED, Locale.GERMAN, model).text());

        assertThat(text).contains("Als Entschuldigung liefern wir Ihre Bestellung versandkostenfrei.")
                .doesNotContain("Rabatt")
                .contains("  Weiter warten: https://shop.example/c/keep\n"
                        + "  Verfügbares jetzt senden: https://shop.example/c/ship\n"
                        + "  Bestellung stornieren: https://shop.example/c/cancel\n");
    }

    /**
     * A business's order of a hundred lines listed each product with its date again, and by name only: the
     * buyer had to find which of them came when, and match names to the SKUs they order by.
     */
    @Test
    void aLongListStandsUnderItsDatesWithTheSkus() {
        Instant march7Early = Instant.parse("2026-03-06T23:30:00Z");
        Instant march7Late = Instant.parse("2026-03-07T18:00:00Z");
        Instant march9 = Instant.parse("2026-03-09T10:00:00Z");
        List<NoticeLine> waiting = new java.util.ArrayList<>();
        for (int n = 1; n <= 10; n++) {
            waiting.add(new NoticeLine("SKU-" + n, "Part " + n, n, null, n % 3 == 0 ? march9 : n % 2 == 0 ? march7Late : march7Early));
        }
        Map<String, Object> model = model("en");
        model.put("backordered", waiting);
        model.put("shipment", new NoticeShipment("SIMCARRIER", "TRK-1", waiting.stream()
                .map(l -> new NoticeLine(l.sku(), l.name(), l.quantity(), BigDecimal.ONE, null)).toList(), BigDecimal.TEN));

        RenderedNotice backordered = renderer.render(NoticeKind.BACKORDERED, Locale.ENGLISH, model);
        RenderedNotice parcel = renderer.render(NoticeKind.PARTIALLY_SHIPPED, Locale.ENGLISH, model);

        String march7Lines = "  Expected by March 7, 2026:\n    1 × Part 1 (SKU-1)\n    2 × Part 2 (SKU-2)\n"
                + "    4 × Part 4 (SKU-4)\n    5 × Part 5 (SKU-5)\n    7 × Part 7 (SKU-7)\n    8 × Part 8 (SKU-8)\n"
                + "    10 × Part 10 (SKU-10)\n  Expected by March 9, 2026:\n    3 × Part 3 (SKU-3)\n"
                + "    6 × Part 6 (SKU-6)\n    9 × Part 9 (SKU-9)\n";
        assertThat(backordered.text()).contains(march7Lines).doesNotContain(": expected by");
        assertThat(parcel.text()).contains(march7Lines).contains("  10 × Part 10 (SKU-10)\n");
        assertThat(backordered.html()).containsOnlyOnce("Expected by March 7, 2026:").containsOnlyOnce("Expected by March 9, 2026:")
                .contains("<li>7 × Part 7 (SKU-7)</li>");
        assertThat(parcel.html()).containsOnlyOnce("Expected by March 9, 2026:").contains("10 × Part 10 (SKU-10)");
        model.put("delayed", List.of(new NoticeLine("T", "Oak table", 3, null, ETA)));
        model.put("onSchedule", waiting);
        RenderedNotice delayed = renderer.render(NoticeKind.DELAYED, Locale.ENGLISH, model);
        assertThat(delayed.text()).contains("Still on schedule:\n  Expected by March 7, 2026:\n    1 × Part 1 (SKU-1)\n")
                .contains("  Expected by March 9, 2026:\n    3 × Part 3 (SKU-3)\n");
        assertThat(delayed.html()).containsOnlyOnce("Expected by March 7, 2026:");
        assertThat(render(NoticeKind.BACKORDERED, "en").text()).as("a short list as before")
                .contains("  3 × Oak table: expected by March 7, 2026\n").doesNotContain("(T)");
    }

    private RenderedNotice render(NoticeKind kind, String customerLocale) {
        NoticeLocale locale = NoticeLocale.of(customerLocale);
        Map<String, Object> model = model(customerLocale);
        return renderer.render(kind, locale.language(), model);
    }

    /** A model as NoticeModelBuilder makes it, with something for every kind. */
    static Map<String, Object> model(String customerLocale) {
        Map<String, Object> model = new HashMap<>();
        model.put("orderId", "A-1");
        model.put("customerName", "Ada");
        model.put("shopName", "Orderflow");
        model.put("fmt", new NoticeFormat(NoticeLocale.of(customerLocale).format(), BERLIN, "EUR"));
        model.put("shipPolicy", "PARTIAL");
        model.put("total", new BigDecimal("1234.50"));
        model.put("lines", List.of(new NoticeLine("C", "Oak chair", 2, new BigDecimal("298.00"), null),
                new NoticeLine("T", "Oak table", 1, new BigDecimal("936.50"), null)));
        model.put("backordered", List.of(new NoticeLine("T", "Oak table", 3, null, ETA)));
        model.put("delayed", List.of(new NoticeLine("T", "Oak table", 3, null, ETA)));
        model.put("onSchedule", List.of());
        model.put("reservedNow", List.of(new NoticeLine("C", "Oak chair", 2, null, null)));
        model.put("shipment", new NoticeShipment("SIMCARRIER", "TRK-1",
                List.of(new NoticeLine("C", "Oak chair", 2, new BigDecimal("298.00"), null)), new BigDecimal("298.00")));
        model.put("cancelled", List.of());
        model.put("earlierParcel", true);
        model.put("newEta", Instant.parse("2026-03-20T09:00:00Z"));
        model.put("consolation", new ConsolationOffer(Consolation.DISCOUNT, 10));
        model.put("discountCode", "SORRY10");
        model.put("choices", List.of(new NoticeChoice(NoticeData.KEEP_WAITING, "https://shop.example/c/keep", false),
                new NoticeChoice(NoticeData.SHIP_AVAILABLE, "https://shop.example/c/ship", false),
                new NoticeChoice(NoticeData.CANCEL, "https://shop.example/c/cancel", false)));
        model.put("sent", List.of(new NoticeLine("C", "Oak chair", 2, new BigDecimal("298.00"), null)));
        model.put("charged", new BigDecimal("298.00"));
        model.put("released", new BigDecimal("936.50"));
        model.put("holdLapsed", BigDecimal.ZERO);
        model.put("refunded", BigDecimal.ZERO);
        model.put("reason", "BACKORDER_NOT_ALLOWED");
        model.put("refused", List.of(new NoticeLine("V", "Glass vase", 3, null, null)));
        return model;
    }

    /** German amounts keep number and currency together with a no-break space. */
    private static String plain(String text) {
        return text.replace('\u00a0', ' ');
    }

    private static java.util.Set<Object> keys(String bundle) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = NoticeRendererTest.class.getResourceAsStream("/templates/notification/" + bundle)) {
            properties.load(in);
        }
        return properties.keySet();
    }
}
