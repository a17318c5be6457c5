package com.orderflow.choice;

import java.time.Instant;
import java.util.List;

/** What the choice page shows: the order as it stands and the options the link offers. */
public record ChoicePage(String token, String orderId, String customerName, List<Line> lines, Instant eta,
                         List<CustomerChoice> options) {

    public record Line(String sku, int quantity, int shipped, int reserved, int backordered) {
    }

    public boolean offers(String option) {
        return options.stream().anyMatch(o -> o.name().equals(option));
    }
}
