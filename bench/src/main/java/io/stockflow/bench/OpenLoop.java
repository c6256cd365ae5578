package io.stockflow.bench;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Sends requests at a fixed rate, whatever the answers do (an open loop, as real clients
 * behave): request {@code i} is due at {@code start + i / rate}, and its latency counts
 * from that moment, so a server that falls behind shows its queueing in the percentiles
 * (no coordinated omission).
 */
final class OpenLoop {

	/**
	 * Requests in flight at most: past this the generator sheds a request (counted as
	 * failed) rather than pile up thousands of connections on a server that fell behind.
	 * Below the gateway's 400 connections, so that no pooled connection waits in its
	 * accept queue.
	 */
	static final int MAX_IN_FLIGHT = 256;

	private OpenLoop() {
	}

	/**
	 * Runs one step.
	 * @param rate requests per second
	 * @param seconds how long
	 * @param request starts request {@code i} (its due time in epoch microseconds is
	 * given by {@link Step#dueMicros}); completes true when it succeeded
	 * @return the latencies and counts
	 */
	static Step run(int rate, int seconds, LongFunction<CompletableFuture<Boolean>> request) {
		long total = (long) rate * seconds;
		long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
		Histogram latencies = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(5), 3);
		AtomicLong failed = new AtomicLong();
		AtomicLong inFlight = new AtomicLong();
		CompletableFuture<?>[] pending = new CompletableFuture<?>[(int) total];
		long startNanos = System.nanoTime();
		long startEpochMicros = epochMicros();
		for (long i = 0; i < total; i++) {
			long due = startNanos + i * periodNanos;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			if (inFlight.get() >= MAX_IN_FLIGHT) {
				failed.incrementAndGet();
				pending[(int) i] = CompletableFuture.completedFuture(false);
				continue;
			}
			inFlight.incrementAndGet();
			pending[(int) i] = request.apply(i).whenComplete((ok, ex) -> {
				inFlight.decrementAndGet();
				latencies.recordValue(Math.max(0, (System.nanoTime() - due) / 1000));
				if (ex != null || !Boolean.TRUE.equals(ok)) {
					failed.incrementAndGet();
				}
			});
		}
		long sentNanos = System.nanoTime() - startNanos;
		CompletableFuture.allOf(pending).exceptionally((ex) -> null).join();
		long doneNanos = System.nanoTime() - startNanos;
		return new Step(rate, total, failed.get(), sentNanos, doneNanos, latencies, startEpochMicros, periodNanos);
	}

	static long epochMicros() {
		java.time.Instant now = java.time.Instant.now();
		return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
	}

	/**
	 * One fixed-rate step.
	 *
	 * @param rate offered requests per second
	 * @param sent requests sent
	 * @param failed requests that failed (status or transport)
	 * @param sendingNanos how long sending took (longer than planned: the generator could
	 * not keep the rate)
	 * @param totalNanos until the last answer
	 * @param latencies microseconds from due time to answer
	 * @param startEpochMicros wall-clock time of request 0's due time
	 * @param periodNanos time between two requests
	 */
	record Step(int rate, long sent, long failed, long sendingNanos, long totalNanos, Histogram latencies,
			long startEpochMicros, long periodNanos) {

		long dueMicros(long i) {
			return this.startEpochMicros + i * this.periodNanos / 1000;
		}

		double answeredPerSecond() {
			return (this.sent - this.failed) / (this.totalNanos / 1e9);
		}

		Map<String, Object> summary() {
			return Map.of("offeredPerSecond", this.rate, "sent", this.sent, "failed", this.failed, "answeredPerSecond",
					round(answeredPerSecond()), "sendingSeconds", round(this.sendingNanos / 1e9), "latencyMs",
					percentiles(this.latencies));
		}

	}

	static Map<String, Object> percentiles(Histogram h) {
		return Map.of("p50", ms(h.getValueAtPercentile(50)), "p99", ms(h.getValueAtPercentile(99)), "p999",
				ms(h.getValueAtPercentile(99.9)), "max", ms(h.getMaxValue()), "count", h.getTotalCount());
	}

	static double ms(long micros) {
		return round(micros / 1000.0);
	}

	static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

}
