package com.orderflow.choice;

import java.util.List;
import java.util.Locale;

/**
 * What the choice page shows: the order as it stands and the options the link offers, in the
 * customer's language ({@code locale}) with the ETA already formatted for it.
 */
public record ChoicePage(String token, String orderId, String customerName, List<Line> lines, String eta,
                         List<CustomerChoice> options, Locale locale) {

    /** {@code name}: the product's name, as the notices call it. */
    public record Line(String sku, String name, int quantity, int shipped, int reserved, int backordered) {
    }

    /** Part of the order reached the customer already: cancelling gives up only the rest, and says so. */
    public boolean partlySent() {
        return lines.stream().anyMatch(line -> line.shipped() > 0);
    }

    public boolean offers(String option) {
        return options.stream().anyMatch(o -> o.name().equals(option));
    }
}
