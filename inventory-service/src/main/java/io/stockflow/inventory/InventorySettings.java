package io.stockflow.inventory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of inventory-service, prefix {@code stockflow.inventory}.
 *
 * @param lowStockThreshold units over all locations at or below which an item without its
 * own threshold is low on stock
 */
@ConfigurationProperties("stockflow.inventory")
public record InventorySettings(@DefaultValue("5") int lowStockThreshold) {
}
