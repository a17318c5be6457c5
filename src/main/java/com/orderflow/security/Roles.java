package com.orderflow.security;

/** The spec's roles, one per Camunda group, as Spring Security authorities. */
public final class Roles {

    public static final String SHOP = "SHOP";
    public static final String WAREHOUSE = "WAREHOUSE";
    public static final String OPS = "OPS";

    private Roles() {
    }
}
