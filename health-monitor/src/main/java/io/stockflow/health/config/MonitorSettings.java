package io.stockflow.health.config;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the health monitor, prefix {@code stockflow.health}.
 *
 * @param serviceUrls the watched services as {@code name=url,name=url} (the launcher's
 * {@code STOCKFLOW_SERVICE_URLS}); each is asked for {@code /actuator/health}
 * @param queueOwners which service consumes the queues of a name prefix ({@code orders} →
 * {@code order-service}): a consumer queue with no consumers makes its owner DOWN
 * @param broker the broker view
 * @param probe the HTTP view
 * @param thresholds when a service counts as DEGRADED for its queues
 * @param history how long queue samples are kept in memory (for charts)
 */
@ConfigurationProperties("stockflow.health")
public record MonitorSettings(String serviceUrls, Map<String, String> queueOwners, @DefaultValue Broker broker,
		@DefaultValue Probe probe, @DefaultValue Thresholds thresholds, @DefaultValue("15m") Duration history) {

	public MonitorSettings {
		queueOwners = (queueOwners != null) ? Map.copyOf(queueOwners) : Map.of();
	}

	/**
	 * @return the watched services and their base addresses, in the configured order
	 * @throws IllegalStateException for an entry that is not {@code name=url}
	 */
	public Map<String, URI> services() {
		Map<String, URI> services = new LinkedHashMap<>();
		if (this.serviceUrls == null || this.serviceUrls.isBlank()) {
			return services;
		}
		for (String entry : List.of(this.serviceUrls.split(","))) {
			int eq = entry.indexOf('=');
			if (eq < 1 || eq == entry.length() - 1) {
				throw new IllegalStateException(
						"stockflow.health.service-urls (STOCKFLOW_SERVICE_URLS): '" + entry + "' is not name=url");
			}
			services.put(entry.substring(0, eq).strip(), URI.create(entry.substring(eq + 1).strip()));
		}
		return services;
	}

	/**
	 * @param managementUrl base address of the RabbitMQ management API
	 * @param username its user (default: the monitor's AMQP user, tagged
	 * {@code monitoring})
	 * @param password its password
	 * @param interval how often the broker is polled
	 * @param timeout how long one call may take
	 * @param failuresToDown consecutive failed polls before the broker counts as DOWN
	 */
	public record Broker(@DefaultValue("http://127.0.0.1:15672") String managementUrl, String username, String password,
			@DefaultValue("2s") Duration interval, @DefaultValue("3s") Duration timeout,
			@DefaultValue("2") int failuresToDown) {
	}

	/**
	 * @param interval how often every service's health is asked for
	 * @param timeout how long one service may take to answer
	 * @param failuresToDown consecutive failed checks before the service counts as DOWN
	 */
	public record Probe(@DefaultValue("5s") Duration interval, @DefaultValue("2s") Duration timeout,
			@DefaultValue("2") int failuresToDown) {
	}

	/**
	 * @param ready messages waiting in one queue above which it has a backlog
	 * @param unacked unacknowledged messages of one queue above which it is stuck
	 * @param sustainedFor how long a backlog must last to make its owner DEGRADED
	 */
	public record Thresholds(@DefaultValue("1000") long ready, @DefaultValue("500") long unacked,
			@DefaultValue("60s") Duration sustainedFor) {
	}

}
