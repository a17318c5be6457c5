package com.orderflow.choice;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * The language pages are rendered in. A choice page speaks the order's language, which its
 * controller puts on the request, because the customer read the notice in it; a link that names no
 * known order falls back to the browser's languages (English or German, English otherwise).
 */
@Component("localeResolver")
public class ChoiceLocaleResolver extends AcceptHeaderLocaleResolver {

    static final String ORDER_LOCALE = ChoiceLocaleResolver.class.getName() + ".ORDER_LOCALE";

    public ChoiceLocaleResolver() {
        setSupportedLocales(List.of(Locale.ENGLISH, Locale.GERMAN));
        setDefaultLocale(Locale.ENGLISH);
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        return request.getAttribute(ORDER_LOCALE) instanceof Locale order ? order : super.resolveLocale(request);
    }

    static void useOrderLocale(HttpServletRequest request, Locale locale) {
        if (locale != null) {
            request.setAttribute(ORDER_LOCALE, locale);
        }
    }
}
