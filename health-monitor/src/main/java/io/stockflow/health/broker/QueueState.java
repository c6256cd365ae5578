package io.stockflow.health.broker;

/**
 * One queue of the monitored vhost, as the management API reports it.
 *
 * @param name the queue
 * @param type {@code quorum}, {@code classic} or {@code stream}
 * @param exclusive owned by one connection (a gateway's live-update queue)
 * @param autoDelete removed when its last consumer goes
 * @param consumers its consumers now
 * @param ready messages waiting
 * @param unacked messages delivered, not yet acknowledged
 * @param publishRate messages in per second
 * @param deliverRate messages out per second
 */
public record QueueState(String name, String type, boolean exclusive, boolean autoDelete, int consumers, long ready,
		long unacked, double publishRate, double deliverRate) {

	/**
	 * @return true for a parking queue ({@code <queue>.parked})
	 */
	public boolean isParking() {
		return this.name.endsWith(".parked");
	}

	/**
	 * A queue some service must always consume: not a parking queue, not a stream (read
	 * on demand, for rebuilds), not a per-instance queue that goes with its instance.
	 * @return true if zero consumers means its service is down
	 */
	public boolean needsConsumers() {
		return !isParking() && !"stream".equals(this.type) && !this.exclusive && !this.autoDelete;
	}

	/**
	 * Whether waiting messages mean a backlog: not for a stream (its "ready" count is the
	 * log it keeps for rebuilds) nor a parking queue (counted as parked messages).
	 * @return true if many ready or unacked messages make its owner DEGRADED
	 */
	public boolean canBacklog() {
		return needsConsumers();
	}

}
