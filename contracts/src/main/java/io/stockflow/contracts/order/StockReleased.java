package io.stockflow.contracts.order;

import java.util.UUID;

/**
 * Event: an order's reserved stock was given back.
 *
 * @param orderId the order
 * @param units units given back over all lines (0 if nothing was reserved)
 */
public record StockReleased(UUID orderId, int units) {
}
