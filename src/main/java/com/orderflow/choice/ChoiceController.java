package com.orderflow.choice;

import com.orderflow.api.DatabaseUnavailable;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** The customer's delay-choice page: no login, the signed link is the authority. */
@Controller
public class ChoiceController {

    private static final Logger log = LoggerFactory.getLogger(ChoiceController.class);

    private final ChoiceService choices;
    private final ChoiceLocaleResolver locales;
    private final MessageSource messages;

    public ChoiceController(ChoiceService choices, ChoiceLocaleResolver locales, MessageSource messages) {
        this.choices = choices;
        this.locales = locales;
        this.messages = messages;
    }

    /** Only shows the page: mail scanners prefetch links, so a GET never decides anything. */
    @GetMapping("/choice/{token}")
    public String show(@PathVariable String token, Model model, HttpServletRequest request) {
        ChoicePage page = choices.page(token);
        ChoiceLocaleResolver.useOrderLocale(request, page.locale());
        model.addAttribute("page", page);
        return "choice/page";
    }

    @PostMapping("/choice/{token}")
    public String choose(@PathVariable String token, @RequestParam(name = "choice", required = false) String choice,
                         Model model, HttpServletRequest request) {
        ChoiceMade made = choices.choose(token, choice);
        ChoiceLocaleResolver.useOrderLocale(request, made.locale());
        model.addAttribute("message", made.doneMessage());
        return "choice/done";
    }

    /**
     * The customer's browser gets a page in their language, not the API's JSON: with the database out of
     * reach, the page that says to try again in a few minutes (nothing was recorded).
     */
    @ExceptionHandler(Exception.class)
    public ModelAndView failed(Exception failure, HttpServletRequest request, HttpServletResponse response)
            throws Exception {
        if (!DatabaseUnavailable.causedIt(failure)) {
            throw failure;
        }
        log.error("Database unavailable while serving a choice page: {}", failure.getMessage());
        response.setHeader("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS);
        return refused(new ChoiceRefusedException(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", null), request);
    }

    @ExceptionHandler(ChoiceRefusedException.class)
    public ModelAndView refused(ChoiceRefusedException refused, HttpServletRequest request) {
        ChoiceLocaleResolver.useOrderLocale(request, refused.locale());
        Locale locale = locales.resolveLocale(request);
        String key = "choice.refused." + refused.reason();
        ModelAndView view = new ModelAndView("choice/refused");
        view.addObject("title", messages.getMessage(key + ".title", null, locale));
        view.addObject("message", messages.getMessage(key + ".message", refused.arguments(), locale));
        view.setStatus(refused.status());
        return view;
    }
}
