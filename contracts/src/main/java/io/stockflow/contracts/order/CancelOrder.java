package io.stockflow.contracts.order;

import java.util.UUID;

/**
 * Command: cancel an order (its owner or an admin). A pending or confirmed order ends
 * cancelled and its stock comes back; any other is left as it is.
 *
 * @param orderId the order
 */
public record CancelOrder(UUID orderId) {
}
