package io.stockflow.contracts.outcome;

import java.util.UUID;

/**
 * Event: a command took effect.
 *
 * @param commandId the command's message id
 * @param commandType the command's type name, such as {@code AddItem}
 * @param sku the item concerned
 */
public record CommandApplied(UUID commandId, String commandType, String sku) {
}
