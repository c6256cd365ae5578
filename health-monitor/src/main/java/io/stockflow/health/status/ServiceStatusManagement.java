package io.stockflow.health.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;

import io.stockflow.health.alert.Alerts;
import io.stockflow.health.broker.BrokerSnapshot;
import io.stockflow.health.broker.BrokerView;
import io.stockflow.health.broker.QueueState;
import io.stockflow.health.config.MonitorSettings;
import io.stockflow.health.probe.HttpView;
import io.stockflow.health.probe.ProbeResult;

/**
 * Concludes each service's status from the two views after each of their polls: DOWN when
 * one of its queues has no consumers or its health endpoint failed several checks in a
 * row; DEGRADED when it answers that a dependency is down, when a queue's backlog or
 * unacknowledged count stayed above its threshold, or (the monitor itself) when its own
 * database is away; UP otherwise. The broker is watched as {@value #BROKER}. Each change
 * is a transition: journaled with its event, alerted, and shown in the gauges.
 */
@Service
public class ServiceStatusManagement {

	/** The name under which the broker itself is listed. */
	public static final String BROKER = "rabbitmq";

	private final BrokerView broker;

	private final HttpView http;

	private final MonitorSettings settings;

	private final StatusJournal journal;

	private final Alerts alerts;

	private final StatusGauges gauges;

	private final String self;

	private final Map<String, ServiceHealth> states = new ConcurrentHashMap<>();

	ServiceStatusManagement(BrokerView broker, HttpView http, MonitorSettings settings, StatusJournal journal,
			Alerts alerts, StatusGauges gauges, Environment environment) {
		this.broker = broker;
		this.http = http;
		this.settings = settings;
		this.journal = journal;
		this.alerts = alerts;
		this.gauges = gauges;
		this.self = environment.getProperty("spring.application.name", "health-monitor");
		journal.load().forEach((service, health) -> {
			this.states.put(service, health);
			gauges.set(service, Status.valueOf(health.status()));
		});
	}

	/** Looks at both views again; called by each view after its poll. */
	public synchronized void evaluate() {
		Instant now = Instant.now();
		Optional<BrokerSnapshot> snapshot = this.broker.current();
		Set<String> services = new LinkedHashSet<>(this.http.services());
		services.addAll(this.settings.queueOwners().values());
		for (String service : services) {
			conclude(service, snapshot, now).ifPresent((health) -> apply(health, now));
		}
		concludeBroker(snapshot, now).ifPresent((health) -> apply(health, now));
		this.states.values().forEach((h) -> this.alerts.stillNotUp(h.service(), h.status(), h.since(), h.detail()));
	}

	/**
	 * @return every watched service, by name
	 */
	public List<ServiceHealth> services() {
		return this.states.values().stream().sorted(Comparator.comparing(ServiceHealth::service)).toList();
	}

	/**
	 * @param limit at most this many
	 * @return the latest transitions, newest first
	 */
	public List<HealthTransition> events(int limit) {
		return this.journal.recent(limit);
	}

	private Optional<ServiceHealth> conclude(String service, Optional<BrokerSnapshot> snapshot, Instant now) {
		ServiceHealth previous = this.states.get(service);
		Verdict verdict = new Verdict();
		List<QueueConsumers> consumers = (previous != null) ? previous.consumers() : List.of();
		int instances = (previous != null) ? previous.instances() : 0;
		if (snapshot.isPresent()) {
			List<QueueState> queues = snapshot.get()
				.queues()
				.stream()
				.filter((q) -> !q.isParking() && service.equals(ownerOf(q.name())))
				.sorted(Comparator.comparing(QueueState::name))
				.toList();
			consumers = queues.stream()
				.map((q) -> new QueueConsumers(q.name(), q.consumers(), q.ready(), q.unacked()))
				.toList();
			instances = snapshot.get().instancesOf(service);
			judgeQueues(queues, verdict, now);
			verdict.checked(snapshot.get().at());
		}
		Optional<ProbeResult> probe = this.http.result(service);
		if (probe.isPresent() && probe.get().checkedAt() != null) {
			judgeProbe(probe.get(), verdict);
		}
		if (service.equals(this.self)) {
			this.journal.databaseProblem()
				.ifPresent((problem) -> verdict.add(Status.DEGRADED,
						"own database unreachable, transitions wait in memory: " + problem));
		}
		List<QueueConsumers> queues = consumers;
		int count = instances;
		return verdict.checkedAt()
			.map((checkedAt) -> new ServiceHealth(service, verdict.status().name(), count, queues, checkedAt, now,
					verdict.detail()));
	}

	private void judgeQueues(List<QueueState> queues, Verdict verdict, Instant now) {
		MonitorSettings.Thresholds limits = this.settings.thresholds();
		for (QueueState q : queues) {
			if (q.needsConsumers() && q.consumers() == 0) {
				verdict.add(Status.DOWN, "queue " + q.name() + " has no consumers");
			}
			if (this.broker.backlogAge(q.name(), now).compareTo(limits.sustainedFor()) >= 0) {
				verdict.add(Status.DEGRADED, "queue " + q.name() + " has " + q.ready() + " ready and " + q.unacked()
						+ " unacked messages for over " + limits.sustainedFor().toSeconds() + " s");
			}
		}
	}

	private void judgeProbe(ProbeResult probe, Verdict verdict) {
		verdict.checked(probe.checkedAt());
		if (probe.failures() >= this.http.failuresToDown()) {
			verdict.add(Status.DOWN, probe.detail() + " (" + probe.failures() + " checks in a row)");
		}
		else if (probe.answered() && !probe.up()) {
			verdict.add(Status.DEGRADED, probe.detail());
		}
	}

	private Optional<ServiceHealth> concludeBroker(Optional<BrokerSnapshot> snapshot, Instant now) {
		Verdict verdict = new Verdict();
		int connections = 0;
		if (this.broker.isDown()) {
			verdict.add(Status.DOWN, "management API unreachable: " + this.broker.lastError());
			verdict.checked(now);
		}
		else if (snapshot.isPresent()) {
			verdict.checked(snapshot.get().at());
			connections = snapshot.get().connections().values().stream().mapToInt(Integer::intValue).sum();
		}
		int instances = connections;
		return verdict.checkedAt()
			.map((at) -> new ServiceHealth(BROKER, verdict.status().name(), instances, List.of(), at, now,
					verdict.detail()));
	}

	/** Records the conclusion; a change of status is a transition. */
	private void apply(ServiceHealth health, Instant now) {
		ServiceHealth previous = this.states.get(health.service());
		String from = (previous != null) ? previous.status() : "UNKNOWN";
		Instant since = (previous != null && from.equals(health.status())) ? previous.since() : now;
		ServiceHealth current = new ServiceHealth(health.service(), health.status(), health.instances(),
				health.consumers(), health.lastCheckedAt(), since, health.detail());
		this.states.put(current.service(), current);
		this.gauges.set(current.service(), Status.valueOf(current.status()));
		if (!from.equals(current.status())) {
			this.journal.record(new HealthTransition(current.service(), from, current.status(), now, current.detail()),
					current);
			if (!"UNKNOWN".equals(from) || !"UP".equals(current.status())) {
				this.alerts.transition(current.service(), from, current.status(), now, current.detail());
			}
		}
	}

	/**
	 * The service that consumes a queue, by the queue's prefix ({@code <consumer>.…}).
	 */
	private String ownerOf(String queue) {
		int dot = queue.indexOf('.');
		return (dot > 0) ? this.settings.queueOwners().get(queue.substring(0, dot)) : null;
	}

	/** The worst status found and its reasons. */
	private static final class Verdict {

		private Status status = Status.UP;

		private final List<String> reasons = new ArrayList<>();

		private Instant checkedAt;

		void add(Status found, String reason) {
			this.status = this.status.worse(found);
			this.reasons.add(reason);
		}

		void checked(Instant at) {
			if (this.checkedAt == null || at.isAfter(this.checkedAt)) {
				this.checkedAt = at;
			}
		}

		Status status() {
			return this.status;
		}

		Optional<Instant> checkedAt() {
			return Optional.ofNullable(this.checkedAt);
		}

		String detail() {
			return this.reasons.isEmpty() ? null : String.join("; ", this.reasons);
		}

	}

}
