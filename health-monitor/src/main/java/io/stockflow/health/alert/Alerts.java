package io.stockflow.health.alert;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Tells people when a service changes status: always a log line (the event goes through
 * the outbox with the transition), and, when configured, a webhook call (POST JSON,
 * retried with exponential back-off on a virtual thread, so a slow receiver never delays
 * the monitor). A service that stays DOWN or DEGRADED is alerted again after the reminder
 * interval.
 */
@Component
public class Alerts implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(Alerts.class);

	private final AlertSettings settings;

	private final RestClient webhook;

	private final RetryTemplate retry;

	private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();

	private final Map<String, Instant> lastAlerted = new ConcurrentHashMap<>();

	Alerts(AlertSettings settings, RestClient.Builder builder) {
		this.settings = settings;
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(settings.timeout())
			.build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
		requests.setReadTimeout(settings.timeout());
		this.webhook = builder.clone().requestFactory(requests).build();
		this.retry = new RetryTemplate(RetryPolicy.builder()
			.maxRetries(settings.retries())
			.delay(settings.initialBackOff())
			.multiplier(2)
			.maxDelay(Duration.ofMinutes(1))
			.build());
	}

	/**
	 * Alerts a change of status.
	 * @param service the service
	 * @param from its status before
	 * @param to its status now
	 * @param at when
	 * @param detail why
	 */
	public void transition(String service, String from, String to, Instant at, String detail) {
		if ("UP".equals(to)) {
			log.info("Service {} is UP again (was {})", service, from);
			this.lastAlerted.remove(service);
		}
		else {
			log.warn("Service {} is {} (was {}): {}", service, to, from, detail);
			this.lastAlerted.put(service, at);
		}
		send(service, Map.of("kind", "transition", "service", service, "from", from, "to", to, "at", at.toString(),
				"detail", (detail != null) ? detail : ""));
	}

	/**
	 * Alerts again a service that is still not UP, once per reminder interval.
	 * @param service the service
	 * @param status its status
	 * @param since since when
	 * @param detail why
	 */
	public void stillNotUp(String service, String status, Instant since, String detail) {
		Duration reminder = this.settings.reminder();
		Instant now = Instant.now();
		Instant last = this.lastAlerted.getOrDefault(service, since);
		if (reminder.isZero() || "UP".equals(status) || Duration.between(last, now).compareTo(reminder) < 0) {
			return;
		}
		this.lastAlerted.put(service, now);
		log.warn("Service {} is still {} since {}: {}", service, status, since, detail);
		send(service, Map.of("kind", "reminder", "service", service, "status", status, "since", since.toString(),
				"detail", (detail != null) ? detail : ""));
	}

	private void send(String service, Map<String, Object> alert) {
		if (!this.settings.webhookFor(service, Instant.now())) {
			return;
		}
		this.senders.execute(() -> {
			try {
				this.retry.execute(() -> this.webhook.post()
					.uri(this.settings.webhookUrl())
					.contentType(MediaType.APPLICATION_JSON)
					.body(alert)
					.retrieve()
					.toBodilessEntity());
			}
			catch (RetryException ex) {
				log.error("Webhook {} refused the alert for {} after {} retries: {}", this.settings.webhookUrl(),
						service, this.settings.retries(), String.valueOf(ex.getCause()));
			}
		});
	}

	@Override
	public void destroy() {
		this.senders.shutdownNow();
	}

}
