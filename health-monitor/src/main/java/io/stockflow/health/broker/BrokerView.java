package io.stockflow.health.broker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

import io.stockflow.health.config.MonitorSettings;

/**
 * The broker view, on its own thread: polls the management API every couple of seconds
 * for the vhost's queues (consumers, backlog, rates) and connections. Keeps the latest
 * snapshot, when each queue's backlog began, a short history of samples for charts, and
 * the gauge {@code stockflow_parked_messages{queue}} of every parking queue.
 */
public class BrokerView implements SmartLifecycle {

	/** Charts need no more than one sample of a queue every 10 s. */
	static final Duration SAMPLE_EVERY = Duration.ofSeconds(10);

	private static final Logger log = LoggerFactory.getLogger(BrokerView.class);

	private final ManagementApi api;

	private final MonitorSettings settings;

	private final MeterRegistry meters;

	private final Runnable afterPoll;

	private final Map<String, AtomicLong> parked = new ConcurrentHashMap<>();

	private final Map<String, Instant> backlogSince = new ConcurrentHashMap<>();

	private final Map<String, Deque<QueueSample>> samples = new ConcurrentHashMap<>();

	private volatile BrokerSnapshot latest;

	private volatile int failures;

	private volatile String lastError;

	private ScheduledExecutorService thread;

	public BrokerView(ManagementApi api, MonitorSettings settings, MeterRegistry meters, Runnable afterPoll) {
		this.api = api;
		this.settings = settings;
		this.meters = meters;
		this.afterPoll = afterPoll;
	}

	/** One poll; a failure is counted, never thrown. */
	void poll() {
		try {
			BrokerSnapshot snapshot = this.api.snapshot();
			record(snapshot);
			this.latest = snapshot;
			this.failures = 0;
			this.lastError = null;
		}
		catch (RuntimeException ex) {
			this.failures++;
			this.lastError = ex.getMessage();
			log.debug("Broker poll failed ({} in a row): {}", this.failures, ex.getMessage());
		}
		try {
			this.afterPoll.run();
		}
		catch (RuntimeException ex) {
			log.warn("Evaluation after the broker poll failed", ex);
		}
	}

	private void record(BrokerSnapshot snapshot) {
		Instant horizon = snapshot.at().minus(this.settings.history());
		MonitorSettings.Thresholds limits = this.settings.thresholds();
		for (QueueState q : snapshot.queues()) {
			if (q.isParking()) {
				this.parked.computeIfAbsent(q.name(), this::parkedGauge).set(q.ready() + q.unacked());
			}
			if (q.canBacklog() && (q.ready() > limits.ready() || q.unacked() > limits.unacked())) {
				this.backlogSince.putIfAbsent(q.name(), snapshot.at());
			}
			else {
				this.backlogSince.remove(q.name());
			}
			Deque<QueueSample> history = this.samples.computeIfAbsent(q.name(), (n) -> new ArrayDeque<>());
			synchronized (history) {
				if (!history.isEmpty() && history.peekLast().at().isAfter(snapshot.at().minus(SAMPLE_EVERY))) {
					continue;
				}
				history.addLast(new QueueSample(q.name(), snapshot.at(), q.ready(), q.unacked(), q.publishRate(),
						q.deliverRate()));
				while (!history.isEmpty() && history.peekFirst().at().isBefore(horizon)) {
					history.removeFirst();
				}
			}
		}
		this.samples.keySet().removeIf((name) -> snapshot.queues().stream().noneMatch((q) -> q.name().equals(name)));
	}

	private AtomicLong parkedGauge(String queue) {
		AtomicLong count = new AtomicLong();
		Gauge.builder("stockflow.parked.messages", count, AtomicLong::get)
			.description("Messages in a parking queue, waiting for an operator")
			.tag("queue", queue)
			.register(this.meters);
		return count;
	}

	/**
	 * The latest snapshot until the broker counts as DOWN: one failed poll (a slow answer
	 * under load) keeps the last picture rather than forgetting that a queue had no
	 * consumers.
	 * @return the latest snapshot; empty before the first and while the broker is DOWN
	 */
	public Optional<BrokerSnapshot> current() {
		return isDown() ? Optional.empty() : Optional.ofNullable(this.latest);
	}

	/**
	 * @return true once the broker failed as many polls in a row as make it DOWN
	 */
	public boolean isDown() {
		return this.failures >= this.settings.broker().failuresToDown();
	}

	/**
	 * @return why the last poll failed, or null
	 */
	public String lastError() {
		return this.lastError;
	}

	/**
	 * @param queue a queue
	 * @param now the time of the evaluation
	 * @return how long its backlog has lasted, or zero if it has none
	 */
	public Duration backlogAge(String queue, Instant now) {
		Instant since = this.backlogSince.get(queue);
		return (since != null) ? Duration.between(since, now) : Duration.ZERO;
	}

	/**
	 * @return every queue's samples over the history window, by queue and time
	 */
	public List<QueueSample> history() {
		List<QueueSample> all = new ArrayList<>();
		this.samples.values().forEach((history) -> {
			synchronized (history) {
				all.addAll(history);
			}
		});
		all.sort(Comparator.comparing(QueueSample::queue).thenComparing(QueueSample::at));
		return all;
	}

	@Override
	public void start() {
		this.thread = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("broker-view").factory());
		long interval = this.settings.broker().interval().toMillis();
		this.thread.scheduleWithFixedDelay(this::poll, 0, interval, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		if (this.thread != null) {
			this.thread.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.thread != null && !this.thread.isShutdown();
	}

}
