package io.stockflow.catalog.rebuild;

import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.MessageListenerContainer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.stereotype.Service;

import io.stockflow.catalog.item.CatalogProjection;

/**
 * Drops the read model and rebuilds it from the event log. The live listener pauses
 * meanwhile; what its queue receives in the meantime is applied after, harmlessly, since
 * every write is guarded by version. One rebuild at a time.
 */
@Service
public class ReadModelRebuild {

	private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);

	private final RabbitListenerEndpointRegistry listeners;

	private final CatalogProjection projection;

	private final EventLog eventLog;

	private final AtomicBoolean running = new AtomicBoolean();

	ReadModelRebuild(RabbitListenerEndpointRegistry listeners, CatalogProjection projection, EventLog eventLog) {
		this.listeners = listeners;
		this.projection = projection;
		this.eventLog = eventLog;
	}

	/**
	 * Empties the read model and its cache, replays the whole event log through the
	 * projection, then resumes the live listener, also when the replay failed.
	 * @return what was replayed, never null
	 * @throws RebuildInProgressException if a rebuild is already running
	 */
	public RebuildReport rebuild() throws IOException, TimeoutException, InterruptedException {
		if (!this.running.compareAndSet(false, true)) {
			throw new RebuildInProgressException();
		}
		long start = System.nanoTime();
		MessageListenerContainer live = this.listeners.getListenerContainer(CatalogProjection.LIVE_LISTENER_ID);
		live.stop();
		try {
			this.projection.clear();
			EventLog.Replay replay = this.eventLog.replay(this.projection::apply);
			RebuildReport report = new RebuildReport(replay.applied(), replay.skipped(), this.projection.itemCount(),
					(System.nanoTime() - start) / 1_000_000);
			log.info("Rebuilt the read model: {}", report);
			return report;
		}
		finally {
			live.start();
			this.running.set(false);
		}
	}

	/** A rebuild was asked for while one is running. */
	public static class RebuildInProgressException extends IllegalStateException {

		RebuildInProgressException() {
			super("A rebuild of the read model is already running");
		}

	}

}
