package io.stockflow.health.alert;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Alerts, prefix {@code stockflow.health.alerts}. A log line and an event are always
 * written; the webhook is optional.
 *
 * @param webhookUrl where to POST each alert as JSON; none when empty
 * @param reminder how often a service still DOWN or DEGRADED is alerted again; zero for
 * never
 * @param muted services whose alerts go to the log and the event only, not the webhook
 * @param mutedUntil no webhook calls at all before this instant (maintenance); may be
 * null
 * @param retries retries of a failed webhook call, with exponential back-off
 * @param initialBackOff the first back-off (then doubled, at most one minute)
 * @param timeout how long one webhook call may take
 */
@ConfigurationProperties("stockflow.health.alerts")
public record AlertSettings(URI webhookUrl, @DefaultValue("30m") Duration reminder, List<String> muted,
		Instant mutedUntil, @DefaultValue("5") int retries, @DefaultValue("1s") Duration initialBackOff,
		@DefaultValue("5s") Duration timeout) {

	public AlertSettings {
		muted = (muted != null) ? List.copyOf(muted) : List.of();
	}

	/**
	 * @param service a service
	 * @param now the time now
	 * @return true if its alerts may call the webhook now
	 */
	boolean webhookFor(String service, Instant now) {
		return this.webhookUrl != null && !this.muted.contains(service)
				&& (this.mutedUntil == null || now.isAfter(this.mutedUntil));
	}

}
