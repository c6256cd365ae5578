package io.stockflow.gateway.order;

import java.util.UUID;

import io.stockflow.contracts.Queues;

/** The name of this gateway instance's own live-update queue, unique per process. */
public final class LiveQueue {

	/** {@code gateway.live.<random id>}. */
	public static final String NAME = Queues.GATEWAY_LIVE_PREFIX + UUID.randomUUID();

	private LiveQueue() {
	}

}
