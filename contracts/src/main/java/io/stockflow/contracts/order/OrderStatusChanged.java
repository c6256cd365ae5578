package io.stockflow.contracts.order;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * Event: an order moved to a new status, for live status pages and anyone counting
 * orders.
 *
 * @param orderId the order
 * @param customer its customer
 * @param status PENDING, CONFIRMED, REJECTED or CANCELLED
 * @param total the order's total once confirmed, else null
 * @param reason why it was rejected, else null
 */
public record OrderStatusChanged(UUID orderId, String customer, String status, BigDecimal total, String reason) {
}
