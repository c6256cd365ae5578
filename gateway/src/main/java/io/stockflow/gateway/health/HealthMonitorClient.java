package io.stockflow.gateway.health;

import java.util.List;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

import io.stockflow.gateway.internal.ServiceClient;

/**
 * The health monitor's answers as records: services, transitions, queue samples and
 * parked messages, with replay and discard. Every method throws
 * {@link HealthMonitorUnavailableException} when the monitor cannot be reached; errors
 * the monitor answers (404 for a message no longer there, 400) pass through as the
 * gateway's own problem.
 */
@Service
public class HealthMonitorClient {

	private final ServiceClient monitor;

	private final JsonMapper json;

	HealthMonitorClient(@Qualifier("healthMonitor") ServiceClient monitor, JsonMapper json) {
		this.monitor = monitor;
		this.json = json;
	}

	/**
	 * @return every watched service, by name; never null
	 */
	public List<ServiceHealth> services() {
		return get(new TypeReference<List<ServiceHealth>>() {
		}, "/services");
	}

	/**
	 * @param limit at most this many (1-500)
	 * @return the latest transitions, newest first
	 */
	public List<HealthTransition> events(int limit) {
		return get(new TypeReference<List<HealthTransition>>() {
		}, "/events?limit={limit}", Math.clamp(limit, 1, 500));
	}

	/**
	 * @return the samples of every watched queue over the last minutes, oldest first
	 */
	public List<QueueSample> queueHistory() {
		return get(new TypeReference<List<QueueSample>>() {
		}, "/queues/history");
	}

	/**
	 * @return every parking queue with its message count
	 */
	public List<ParkedQueue> parkedQueues() {
		return get(new TypeReference<List<ParkedQueue>>() {
		}, "/parked");
	}

	/**
	 * Looks at the messages of a parking queue without taking them off it.
	 * @param queue the parking queue ({@code <queue>.parked})
	 * @param limit at most this many (1-200)
	 * @return its first messages
	 */
	public List<ParkedMessage> parkedMessages(String queue, int limit) {
		return get(new TypeReference<List<ParkedMessage>>() {
		}, "/parked/{queue}?limit={limit}", queue, Math.clamp(limit, 1, 200));
	}

	/**
	 * Sends a parked message back to the queue it was parked from; it leaves the parking
	 * queue only once the broker has confirmed the copy.
	 * @param queue the parking queue
	 * @param messageId the message
	 */
	public void replay(String queue, String messageId) {
		call(() -> this.monitor.post("/parked/{queue}/messages/{id}/replay", queue, messageId));
	}

	/**
	 * Drops a parked message for good.
	 * @param queue the parking queue
	 * @param messageId the message
	 */
	public void discard(String queue, String messageId) {
		call(() -> this.monitor.post("/parked/{queue}/messages/{id}/discard", queue, messageId));
	}

	private <T> T get(TypeReference<T> type, String path, Object... variables) {
		String body = call(() -> this.monitor.get(path, variables).getBody());
		return this.json.readValue(body, type);
	}

	private static <T> T call(java.util.function.Supplier<T> request) {
		try {
			return request.get();
		}
		catch (ErrorResponseException ex) {
			// unreachable (the gateway's own 503), or the monitor itself answers 503
			// because
			// what it asks (the broker's management API) is away: either way that part of
			// a
			// page cannot be drawn, and says so
			if (ex.getStatusCode().value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
				String detail = (ex.getBody().getDetail() != null) ? ex.getBody().getDetail()
						: "The health monitor is unreachable.";
				throw new HealthMonitorUnavailableException(detail, ex);
			}
			throw ex;
		}
	}

}
