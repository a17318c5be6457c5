package com.orderflow.inventory;

import java.math.BigDecimal;

public record Product(String sku, String name, BigDecimal price, String currency, String supplierId,
                      BackorderPolicy backorderPolicy) {
}
