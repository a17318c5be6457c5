package com.orderflow.escalation;

import com.orderflow.inventory.Product;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A list for a Tasklist form field, kept within what the engine stores as a text variable: 4,000
 * characters ({@code VARCHAR(4000)} on PostgreSQL and H2). A longer value fails the step that sets it
 * when its transaction is written, so an order with many lines would never reach ops. What does not fit
 * is counted, and the order's view lists everything.
 */
public final class FormText {

    static final int MAX_LENGTH = 4_000;

    private FormText() {
    }

    /**
     * The items joined by {@code separator}, as many as fit, then how many more there are, naming {@code listsAll}
     * as where to read them.
     */
    public static String join(List<String> items, String separator, String listsAll) {
        return join(items, separator, listsAll, item -> true);
    }

    /** As {@link #join(List, String, String)}, counting among those left out only the items {@code counted} (not headings). */
    static String join(List<String> items, String separator, String listsAll, Predicate<String> counted) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            String next = (i == 0 ? "" : separator) + items.get(i);
            long left = items.subList(i, items.size()).stream().filter(counted).count();
            String rest = separator + "… and " + left + " more (" + listsAll + " lists them all)";
            boolean last = i == items.size() - 1;
            if (text.length() + next.length() + (last ? 0 : rest.length()) > MAX_LENGTH) {
                return text.append(i == 0 ? rest.substring(separator.length()) : rest).toString();
            }
            text.append(next);
        }
        return text.toString();
    }

    /** A product as the customer's notices name it, with the SKU the warehouse and the supplier know. */
    public static String product(String sku, Map<String, Product> catalog) {
        Product product = catalog.get(sku);
        return product == null ? sku : product.name() + " (" + sku + ")";
    }
}
