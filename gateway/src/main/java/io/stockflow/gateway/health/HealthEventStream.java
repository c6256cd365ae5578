package io.stockflow.gateway.health;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live health transitions for pages: every open stream receives each new transition as an
 * event named {@code transition} (JSON data = {@link HealthTransition}), and an event
 * named {@code monitor} ({@code {"reachable": true|false}}) whenever the monitor stops or
 * starts answering. One poller per gateway instance asks the monitor for new transitions
 * every second, and only while somebody listens. A comment line every 15 s finds the
 * streams whose browser left; at shutdown every stream is ended first, so that the
 * graceful shutdown does not wait for them.
 */
@Component
public class HealthEventStream implements SmartLifecycle {

	static final Duration TIMEOUT = Duration.ofMinutes(30);

	static final Duration HEARTBEAT = Duration.ofSeconds(15);

	private static final Logger log = LoggerFactory.getLogger(HealthEventStream.class);

	private final HealthMonitorClient monitor;

	private final Set<SseEmitter> emitters = new CopyOnWriteArraySet<>();

	private final ScheduledExecutorService poller = Executors
		.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("health-events").factory());

	private Instant lastAt;

	private Set<HealthTransition> seenAtLast = Set.of();

	private Boolean reachable;

	private volatile boolean running;

	HealthEventStream(HealthMonitorClient monitor) {
		this.monitor = monitor;
	}

	/**
	 * Opens a stream of the transitions from now on.
	 * @return the stream; it ends after 30 minutes (browsers reconnect by themselves)
	 */
	public SseEmitter subscribe() {
		SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
		emitter.onCompletion(() -> this.emitters.remove(emitter));
		emitter.onTimeout(() -> this.emitters.remove(emitter));
		emitter.onError((ex) -> this.emitters.remove(emitter));
		this.emitters.add(emitter);
		if (this.reachable != null) {
			send(emitter, "monitor", Map.of("reachable", this.reachable));
		}
		return emitter;
	}

	/** Sends the transitions newer than the last one sent. */
	synchronized void poll() {
		if (this.emitters.isEmpty()) {
			this.lastAt = null;
			return;
		}
		List<HealthTransition> latest;
		try {
			latest = this.monitor.events(100).reversed();
			reachable(true);
		}
		catch (RuntimeException ex) {
			reachable(false);
			return;
		}
		if (this.lastAt == null) {
			// first poll of a new listening period: everything so far is history
			remember(latest);
			return;
		}
		for (HealthTransition transition : latest) {
			if (transition.at().isAfter(this.lastAt)
					|| (transition.at().equals(this.lastAt) && !this.seenAtLast.contains(transition))) {
				this.emitters.forEach((emitter) -> send(emitter, "transition", transition));
			}
		}
		remember(latest);
	}

	private void remember(List<HealthTransition> latest) {
		Instant newest = latest.isEmpty() ? Instant.EPOCH : latest.getLast().at();
		if (this.lastAt != null && newest.isBefore(this.lastAt)) {
			return;
		}
		Set<HealthTransition> atNewest = new HashSet<>();
		latest.stream().filter((t) -> t.at().equals(newest)).forEach(atNewest::add);
		this.lastAt = newest;
		this.seenAtLast = atNewest;
	}

	private void reachable(boolean now) {
		if (!Boolean.valueOf(now).equals(this.reachable)) {
			this.reachable = now;
			this.emitters.forEach((emitter) -> send(emitter, "monitor", Map.of("reachable", now)));
		}
	}

	private void send(SseEmitter emitter, String name, Object data) {
		try {
			emitter.send(SseEmitter.event().name(name).data(data));
		}
		catch (IOException | IllegalStateException ex) {
			log.debug("Health stream closed: {}", ex.getMessage());
			this.emitters.remove(emitter);
			emitter.completeWithError(ex);
		}
	}

	private void heartbeat() {
		for (SseEmitter emitter : this.emitters) {
			try {
				emitter.send(SseEmitter.event().comment("keep-alive"));
			}
			catch (IOException | IllegalStateException ex) {
				this.emitters.remove(emitter);
				emitter.completeWithError(ex);
			}
		}
	}

	@Override
	public void start() {
		this.poller.scheduleWithFixedDelay(this::poll, 1, 1, TimeUnit.SECONDS);
		this.poller.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT.toSeconds(), HEARTBEAT.toSeconds(),
				TimeUnit.SECONDS);
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.poller.shutdownNow();
		this.emitters.forEach(SseEmitter::complete);
		this.emitters.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
