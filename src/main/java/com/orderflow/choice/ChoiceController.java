package com.orderflow.choice;

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

    private final ChoiceService choices;

    public ChoiceController(ChoiceService choices) {
        this.choices = choices;
    }

    /** Only shows the page: mail scanners prefetch links, so a GET never decides anything. */
    @GetMapping("/choice/{token}")
    public String show(@PathVariable String token, Model model) {
        model.addAttribute("page", choices.page(token));
        return "choice/page";
    }

    @PostMapping("/choice/{token}")
    public String choose(@PathVariable String token, @RequestParam(name = "choice", required = false) String choice,
                         Model model) {
        model.addAttribute("choice", choices.choose(token, choice).name());
        return "choice/done";
    }

    @ExceptionHandler(ChoiceRefusedException.class)
    public ModelAndView refused(ChoiceRefusedException refused) {
        ModelAndView view = new ModelAndView("choice/refused");
        view.addObject("title", refused.title());
        view.addObject("message", refused.getMessage());
        view.setStatus(refused.status());
        return view;
    }
}
