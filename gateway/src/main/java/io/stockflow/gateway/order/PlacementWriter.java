package io.stockflow.gateway.order;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
 * commits are written in one transaction, with one statement for all their keys
 * ({@link PlacementRows}), so a busy gateway commits (and wakes the outbox relay) once
 * per batch instead of once per order. Each caller waits for its batch's commit. A
 * placement whose key was used with other lines is answered alone and does not undo the
 * others; a batch that failed otherwise is rolled back and written again placement by
 * placement, so one bad placement fails only itself. Stopped after the web server, so
 * requests in flight at shutdown are still written.
 */
@Component
class PlacementWriter implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PlacementWriter.class);

	private static final int MAX_BATCH = 200;

	private static final Duration PATIENCE = Duration.ofSeconds(40);

	private final BlockingQueue<Waiting> queue = new LinkedBlockingQueue<>();

	private final TransactionTemplate transactions;

	private final PlacementRows rows;

	private volatile boolean running;

	private Thread thread;

	PlacementWriter(TransactionTemplate transactions, PlacementRows rows) {
		this.transactions = transactions;
		this.rows = rows;
	}

	/**
	 * Stores the placement in a transaction shared with the placements waiting at the
	 * same time.
	 * @param placement the placement
	 * @return once its transaction committed: the order id (the placement's own, or that
	 * of the earlier request with its key and lines), or empty when its key was used with
	 * other lines
	 * @throws ResponseStatusException 503 if it was not committed within 40 s (it may
	 * still be, later) or the gateway is stopping
	 */
	Optional<UUID> write(Placement placement) {
		if (!isRunning()) {
			throw unavailable();
		}
		Waiting waiting = new Waiting(placement, new CompletableFuture<>());
		this.queue.add(waiting);
		try {
			return waiting.outcome().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
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
		List<Waiting> batch = new ArrayList<>(MAX_BATCH);
		while (this.running) {
			try {
				Waiting first = this.queue.poll(1, TimeUnit.SECONDS);
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
				batch.forEach((w) -> w.outcome().completeExceptionally(ex));
			}
			batch.clear();
		}
	}

	private void commit(List<Waiting> batch) {
		List<Optional<UUID>> orderIds;
		try {
			orderIds = this.transactions
				.execute((status) -> this.rows.store(batch.stream().map(Waiting::placement).toList()));
		}
		catch (RuntimeException ex) {
			if (batch.size() == 1 || ex instanceof CannotGetJdbcConnectionException) {
				batch.forEach((w) -> w.outcome().completeExceptionally(ex));
				return;
			}
			log.info("A batch of {} order placements rolled back ({}); writing them one by one", batch.size(),
					ex.toString());
			batch.forEach((w) -> commit(List.of(w)));
			return;
		}
		for (int i = 0; i < batch.size(); i++) {
			batch.get(i).outcome().complete(orderIds.get(i));
		}
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
		for (Waiting left = this.queue.poll(); left != null; left = this.queue.poll()) {
			left.outcome().completeExceptionally(unavailable());
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

	/** A placement and its caller, who waits for the batch's commit. */
	private record Waiting(Placement placement, CompletableFuture<Optional<UUID>> outcome) {
	}

}
