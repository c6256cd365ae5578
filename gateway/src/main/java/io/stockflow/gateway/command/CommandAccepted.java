package io.stockflow.gateway.command;

import java.net.URI;
import java.util.UUID;

/**
 * The 202 answer to a command sent through the broker.
 *
 * @param commandId the command id
 * @param sku the item concerned
 * @param statusUrl where the outcome can be read
 */
public record CommandAccepted(UUID commandId, String sku, URI statusUrl) {

	/**
	 * @param commandId the command id
	 * @param sku the item concerned
	 * @return the answer, with its status address
	 */
	public static CommandAccepted of(UUID commandId, String sku) {
		return new CommandAccepted(commandId, sku, URI.create("/api/admin/commands/" + commandId));
	}

}
