package com.orderflow.security;

/** The spec's roles, one per Camunda group, as Spring Security authorities. */
public final class Roles {

    public static final String SHOP = "SHOP";
    public static final String WAREHOUSE = "WAREHOUSE";
    public static final String OPS = "OPS";
    /**
     * Customer support: reads orders, their timeline and e-mails, corrects an address, cancels at the customer's
     * word; none of ops' money, stock, erasure or engine surfaces.
     */
    public static final String SUPPORT = "SUPPORT";

    private Roles() {
    }
}
