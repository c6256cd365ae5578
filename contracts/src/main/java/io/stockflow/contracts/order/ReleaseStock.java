package io.stockflow.contracts.order;

import java.util.UUID;

/**
 * Command from order-service to inventory-service (compensation): give back whatever was
 * reserved for an order. Releasing an order twice, or one never reserved, changes
 * nothing.
 *
 * @param orderId the order
 */
public record ReleaseStock(UUID orderId) {
}
