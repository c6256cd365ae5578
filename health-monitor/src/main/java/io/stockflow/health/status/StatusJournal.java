package io.stockflow.health.status;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.stockflow.contracts.Actor;
import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.Exchanges;
import io.stockflow.contracts.RoutingKeys;
import io.stockflow.contracts.health.ServiceDegraded;
import io.stockflow.contracts.health.ServiceDown;
import io.stockflow.contracts.health.ServiceRecovered;
import io.stockflow.messaging.outbox.Outbox;

/**
 * Writes each transition, the service's new status and its event (through the outbox) in
 * one transaction, on its own thread so that a database that hangs never delays the
 * views. While the database is away the transitions wait in memory, in order, and are
 * written once it is back; the latest transitions are also kept in memory so the monitor
 * answers without its database.
 */
@Component
class StatusJournal implements SmartLifecycle {

	static final int RECENT = 500;

	private static final Logger log = LoggerFactory.getLogger(StatusJournal.class);

	private static final Actor SELF = Actor.service("health-monitor");

	private final StatusRepository repository;

	private final Outbox outbox;

	private final TransactionTemplate transactions;

	private final Deque<HealthTransition> recent = new ArrayDeque<>();

	private final Queue<Unsaved> unsaved = new ConcurrentLinkedQueue<>();

	private volatile String databaseProblem;

	private ScheduledExecutorService thread;

	StatusJournal(StatusRepository repository, Outbox outbox, TransactionTemplate transactions) {
		this.repository = repository;
		this.outbox = outbox;
		this.transactions = transactions;
	}

	/**
	 * @return the statuses recorded before this start, by service; empty if the database
	 * cannot be read
	 */
	Map<String, ServiceHealth> load() {
		try {
			List<HealthTransition> latest = this.repository.transitions(RECENT);
			synchronized (this.recent) {
				this.recent.clear();
				this.recent.addAll(latest);
			}
			return this.repository.statuses()
				.stream()
				.collect(Collectors.toMap(ServiceHealth::service, Function.identity()));
		}
		catch (RuntimeException ex) {
			this.databaseProblem = ex.getMessage();
			log.warn("Cannot read the recorded statuses: {}", ex.getMessage());
			return Map.of();
		}
	}

	/**
	 * Records a transition: in memory at once, in the database as soon as it answers.
	 * @param transition the change
	 * @param health the service's status after it
	 */
	void record(HealthTransition transition, ServiceHealth health) {
		synchronized (this.recent) {
			this.recent.addFirst(transition);
			while (this.recent.size() > RECENT) {
				this.recent.removeLast();
			}
		}
		this.unsaved.add(new Unsaved(transition, health, event(transition)));
		ScheduledExecutorService writer = this.thread;
		if (writer != null && !writer.isShutdown()) {
			writer.execute(this::flush);
		}
	}

	/** Writes what waits, oldest first; stops at the first failure (journal thread). */
	void flush() {
		while (!this.unsaved.isEmpty()) {
			Unsaved next = this.unsaved.peek();
			try {
				this.transactions.executeWithoutResult((tx) -> {
					this.repository.save(next.transition(), next.health());
					if (next.event() != null) {
						this.outbox.add(Exchanges.EVENTS, next.routingKey(), next.event());
					}
				});
				this.unsaved.poll();
				this.databaseProblem = null;
			}
			catch (RuntimeException ex) {
				if (this.databaseProblem == null) {
					log.warn("Own database unreachable, {} transition(s) wait in memory: {}", this.unsaved.size(),
							ex.getMessage());
				}
				this.databaseProblem = ex.getMessage();
				return;
			}
		}
	}

	/**
	 * @param limit at most this many
	 * @return the latest transitions, newest first
	 */
	List<HealthTransition> recent(int limit) {
		synchronized (this.recent) {
			return this.recent.stream().limit(limit).toList();
		}
	}

	/**
	 * @return why the last write failed, while the database is away
	 */
	Optional<String> databaseProblem() {
		return Optional.ofNullable(this.databaseProblem);
	}

	@Override
	public void start() {
		this.thread = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("status-journal").factory());
		this.thread.scheduleWithFixedDelay(this::flush, 1, 1, TimeUnit.SECONDS);
	}

	@Override
	public void stop() {
		if (this.thread != null) {
			this.thread.shutdown();
		}
	}

	@Override
	public boolean isRunning() {
		return this.thread != null && !this.thread.isShutdown();
	}

	private static Envelope<?> event(HealthTransition t) {
		Object payload = switch (t.to()) {
			case "DOWN" -> new ServiceDown(t.service(), t.from(), t.detail(), t.at());
			case "DEGRADED" -> new ServiceDegraded(t.service(), t.from(), t.detail(), t.at());
			default ->
				"UNKNOWN".equals(t.from()) ? null : new ServiceRecovered(t.service(), t.from(), t.detail(), t.at());
		};
		return (payload != null) ? Envelope.first(UUID.randomUUID(), SELF, payload) : null;
	}

	private record Unsaved(HealthTransition transition, ServiceHealth health, Envelope<?> event) {

		String routingKey() {
			return switch (this.transition.to()) {
				case "DOWN" -> RoutingKeys.SERVICE_DOWN;
				case "DEGRADED" -> RoutingKeys.SERVICE_DEGRADED;
				default -> RoutingKeys.SERVICE_RECOVERED;
			};
		}

	}

}
