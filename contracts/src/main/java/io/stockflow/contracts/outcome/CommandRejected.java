package io.stockflow.contracts.outcome;

import java.util.UUID;

/**
 * Event: a command was refused and changed nothing.
 *
 * @param commandId the command's message id
 * @param commandType the command's type name
 * @param sku the item concerned
 * @param reason why, for the person who sent it
 */
public record CommandRejected(UUID commandId, String commandType, String sku, String reason) {
}
