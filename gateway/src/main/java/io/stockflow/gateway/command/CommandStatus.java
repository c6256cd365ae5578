package io.stockflow.gateway.command;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What {@code GET /api/admin/commands/{commandId}} answers.
 *
 * @param commandId the command id
 * @param type the command type, such as {@code AddItem}
 * @param status where it stands
 * @param reason why it was rejected, or null
 * @param sku the item concerned
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandStatus(UUID commandId, String type, Status status, String reason, String sku) {

	/** PENDING until inventory-service has decided. */
	public enum Status {

		PENDING, APPLIED, REJECTED

	}

}
