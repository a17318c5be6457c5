package com.orderflow.choice;

import java.util.Locale;

/**
 * A recorded choice, and the language to thank the customer in. {@code partlySent}: part of the order was sent
 * already, so a cancellation gives up only the rest.
 */
public record ChoiceMade(CustomerChoice choice, Locale locale, boolean partlySent) {

    /** The message that thanks the customer, as {@code choice.done.*} words it. */
    public String doneMessage() {
        return "choice.done." + choice.name() + (partlySent && choice == CustomerChoice.CANCEL ? "_REST" : "");
    }
}
