package com.orderflow.choice;

import java.util.Locale;

/** A recorded choice, and the language to thank the customer in. */
public record ChoiceMade(CustomerChoice choice, Locale locale) {
}
