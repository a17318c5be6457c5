package com.orderflow.notification;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders a notice from the templates in {@code templates/notification/}: {@code <kind>.txt} (plain
 * text) and {@code <kind>.html}, one pair per kind for both languages, with their words in
 * {@code messages_en.properties} and {@code messages_de.properties} beside them. The engine is the
 * notices' own, so web views and their settings cannot change how an e-mail looks.
 */
@Component
class NoticeRenderer {

    private static final String FOLDER = "templates/notification/";

    private final MessageSource messages;
    private final SpringTemplateEngine templates;

    NoticeRenderer() {
        ResourceBundleMessageSource bundle = new ResourceBundleMessageSource();
        bundle.setBasename(FOLDER + "messages");
        bundle.setDefaultEncoding("UTF-8");
        bundle.setFallbackToSystemLocale(false);
        // Every message goes through MessageFormat, so an apostrophe is always written '' in the bundles.
        bundle.setAlwaysUseMessageFormat(true);
        this.messages = bundle;
        this.templates = new SpringTemplateEngine();
        templates.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 1));
        templates.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 2));
        templates.setTemplateEngineMessageSource(bundle);
        // Every shipment renders two templates inside its step; evaluating their expressions was half of
        // the rendering's CPU (docs/performance.md, ninth round). Spring compiles an expression to
        // bytecode once it has been interpreted 100 times, and falls back to interpreting it if that fails.
        templates.setEnableSpringELCompiler(true);
    }

    /** A model's own subject: the message key, taking the order id as {0}. */
    static final String SUBJECT_KEY = "subjectKey";

    RenderedNotice render(NoticeKind kind, Locale language, Map<String, Object> model) {
        String name = kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
        // A notice may word its subject for its case (the rest of an order cancelled, not all of it).
        String subjectKey = model.get(SUBJECT_KEY) instanceof String key ? key : "notice." + name + ".subject";
        String subject = messages.getMessage(subjectKey, new Object[] {model.get("orderId")}, language);
        Context context = new Context(language, model);
        context.setVariable("subject", subject);
        return new RenderedNotice(subject, tidy(templates.process(name + ".txt", context)),
                templates.process(name + ".html", context));
    }

    /** Conditional blocks leave runs of empty lines in plain text; a paragraph break is one empty line. */
    private static String tidy(String text) {
        return text.replaceAll("[ \\t]+\n", "\n").replaceAll("\n{3,}", "\n\n").strip() + "\n";
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(NoticeRenderer.class.getClassLoader());
        resolver.setPrefix(FOLDER);
        resolver.setTemplateMode(mode);
        resolver.setResolvablePatterns(Set.of(pattern));
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCheckExistence(true);
        resolver.setOrder(order);
        return resolver;
    }
}
