package com.orderflow.notification;

import java.util.Locale;

/**
 * The language a customer is written to in, and the locale their dates and amounts are formatted
 * for. Notices exist in German and English: a customer locale starting with {@code de} reads
 * German, any other English. A region the customer gave (de-AT, en-GB) shapes the formats. The
 * choice pages behind a notice's links speak the same language.
 */
public record NoticeLocale(Locale language, Locale format) {

    public static NoticeLocale of(String customerLocale) {
        Locale requested = customerLocale == null || customerLocale.isBlank() ? Locale.ROOT
                : Locale.forLanguageTag(customerLocale.strip().replace('_', '-'));
        boolean german = "de".equals(requested.getLanguage());
        Locale language = german ? Locale.GERMAN : Locale.ENGLISH;
        Locale format;
        if (requested.getLanguage().equals(language.getLanguage()) && !requested.getCountry().isEmpty()) {
            format = new Locale.Builder().setLanguage(language.getLanguage()).setRegion(requested.getCountry()).build();
        } else {
            format = german ? Locale.GERMANY : Locale.ENGLISH;
        }
        return new NoticeLocale(language, format);
    }

    String tag() {
        return format.toLanguageTag();
    }
}
