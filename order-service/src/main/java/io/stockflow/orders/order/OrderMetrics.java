package io.stockflow.orders.order;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Order counters and the placement-to-outcome latency. Counted once the transaction has
 * committed, so a rolled-back (and redelivered) message is not counted twice.
 */
@Component
class OrderMetrics {

	private final MeterRegistry meters;

	OrderMetrics(MeterRegistry meters) {
		this.meters = meters;
		// every counter exists from the start (at 0), so rates and ratios are defined
		java.util.stream.Stream.of("placed", "confirmed", "rejected", "cancelled").forEach(this::counter);
	}

	void placed() {
		count("placed");
	}

	/**
	 * Counts an order's move to a status and, when it leaves PENDING, how long that took.
	 * @param order the order after the move
	 * @param wasPending whether it was pending before
	 */
	void moved(Order order, boolean wasPending) {
		count(order.status().name().toLowerCase());
		if (wasPending) {
			Duration latency = Duration.between(order.createdAt(), Instant.now());
			String outcome = order.status().name();
			afterCommit(() -> Timer.builder("stockflow.order.latency")
				.description("From an order's placement to its first final status")
				.tag("status", outcome)
				.publishPercentileHistogram()
				.register(this.meters)
				.record(latency));
		}
	}

	private void count(String what) {
		afterCommit(() -> counter(what).increment());
	}

	private Counter counter(String what) {
		return Counter.builder("stockflow.orders." + what).description("Orders " + what).register(this.meters);
	}

	private static void afterCommit(Runnable action) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				action.run();
			}
		});
	}

}
