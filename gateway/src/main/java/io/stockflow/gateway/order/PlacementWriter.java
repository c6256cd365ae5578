package io.stockflow.gateway.order;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

/**
 * Group commit for order placements: the placements that arrive while the previous batch
 * commits are written in one transaction, so a busy gateway commits (and wakes the outbox
 * relay) once per batch instead of once per order. Each caller waits for its batch's
 * commit. A placement refused by a rule (a reused key) is answered alone and does not
 * undo the others; a batch that failed otherwise is rolled back and written again
 * placement by placement, so one bad placement fails only itself. Stopped after the web
 * server, so requests in flight at shutdown are still written.
 */
@Component
class PlacementWriter implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PlacementWriter.class);

	private static final int MAX_BATCH = 200;

	private static final Duration PATIENCE = Duration.ofSeconds(40);

	private final BlockingQueue<Placement<?>> queue = new LinkedBlockingQueue<>();

	private final TransactionTemplate transactions;

	private volatile boolean running;

	private Thread thread;

	PlacementWriter(TransactionTemplate transactions) {
		this.transactions = transactions;
	}

	/**
	 * Runs the work in a transaction shared with the placements waiting at the same time.
	 * @param work the placement's statements and outbox rows; it refuses a placement by
	 * throwing a {@link ResponseStatusException} before it writes anything
	 * @return what the work returned, once its transaction committed
	 * @throws ResponseStatusException the work's refusal; 503 if it was not committed
	 * within 40 s (it may still be, later) or the gateway is stopping
	 */
	<T> T write(Supplier<T> work) {
		if (!isRunning()) {
			throw unavailable();
		}
		Placement<T> placement = new Placement<>(work);
		this.queue.add(placement);
		try {
			return placement.outcome.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException failure) ? failure : new IllegalStateException(ex);
		}
		catch (TimeoutException ex) {
			throw unavailable();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw unavailable();
		}
	}

	private void loop() {
		List<Placement<?>> batch = new ArrayList<>(MAX_BATCH);
		while (this.running) {
			try {
				Placement<?> first = this.queue.poll(1, TimeUnit.SECONDS);
				if (first != null) {
					batch.add(first);
					this.queue.drainTo(batch, MAX_BATCH - 1);
					commit(batch);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException | Error ex) {
				log.error("Order placements failed unexpectedly", ex);
				batch.forEach((p) -> p.outcome.completeExceptionally(ex));
			}
			batch.clear();
		}
	}

	private void commit(List<Placement<?>> batch) {
		try {
			this.transactions.executeWithoutResult((status) -> batch.forEach(Placement::run));
		}
		catch (RuntimeException ex) {
			batch.forEach(Placement::forget);
			if (batch.size() == 1 || ex instanceof CannotGetJdbcConnectionException) {
				batch.forEach((p) -> p.outcome.completeExceptionally(ex));
				return;
			}
			log.info("A batch of {} order placements rolled back ({}); writing them one by one", batch.size(),
					ex.toString());
			batch.forEach((p) -> commit(List.of(p)));
			return;
		}
		batch.forEach(Placement::complete);
	}

	private static ResponseStatusException unavailable() {
		return new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
				"The order could not be stored in time; send it again with the same Idempotency-Key.");
	}

	@Override
	public void start() {
		this.running = true;
		this.thread = Thread.ofPlatform().name("order-placements").daemon().start(this::loop);
	}

	/** Lets the batch in hand commit; what is still queued then is answered 503. */
	@Override
	public void stop() {
		this.running = false;
		if (this.thread != null) {
			try {
				this.thread.join(PATIENCE.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		for (Placement<?> left = this.queue.poll(); left != null; left = this.queue.poll()) {
			left.outcome.completeExceptionally(unavailable());
		}
	}

	/** Below the web server's phase: started before it, stopped after it. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** One caller's work and its outcome: a value, or a refusal by a rule. */
	private static final class Placement<T> {

		private final Supplier<T> work;

		private final CompletableFuture<T> outcome = new CompletableFuture<>();

		private T value;

		private RuntimeException refusal;

		Placement(Supplier<T> work) {
			this.work = work;
		}

		/** A refusal is this placement's answer; any other failure fails the batch. */
		void run() {
			try {
				this.value = this.work.get();
			}
			catch (ResponseStatusException ex) {
				this.refusal = ex;
			}
		}

		void forget() {
			this.value = null;
			this.refusal = null;
		}

		void complete() {
			if (this.refusal != null) {
				this.outcome.completeExceptionally(this.refusal);
			}
			else {
				this.outcome.complete(this.value);
			}
		}

	}

}
