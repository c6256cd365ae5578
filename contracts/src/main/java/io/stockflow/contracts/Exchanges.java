package io.stockflow.contracts;

/**
 * The three exchanges of Stockflow. Their declarations (type, durability) live in
 * {@code deploy/rabbitmq/definitions.json}.
 */
public final class Exchanges {

	/** Direct exchange for commands: one routing key, one consuming queue. */
	public static final String COMMANDS = "stockflow.commands";

	/** Topic exchange for events: any number of consumers bind the keys they need. */
	public static final String EVENTS = "stockflow.events";

	/**
	 * Direct exchange that routes a failed message to the parking queue of its consumer
	 * queue.
	 */
	public static final String DEAD_LETTERS = "stockflow.dead-letters";

	private Exchanges() {
	}

}
