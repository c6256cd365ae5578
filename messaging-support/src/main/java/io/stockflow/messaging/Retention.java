package io.stockflow.messaging;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

import io.stockflow.messaging.inbox.Inbox;
import io.stockflow.messaging.outbox.OutboxRelay;

/**
 * Keeps the outbox and inbox tables small: once an hour it deletes published outbox rows
 * and remembered message ids older than their retention.
 */
class Retention implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Retention.class);

	private final OutboxRelay relay;

	private final Inbox inbox;

	private final MessagingSettings settings;

	private ScheduledExecutorService scheduler;

	Retention(OutboxRelay relay, Inbox inbox, MessagingSettings settings) {
		this.relay = relay;
		this.inbox = inbox;
		this.settings = settings;
	}

	void purge() {
		try {
			int outbox = this.relay.purge();
			int inbox = this.inbox.purge(this.settings.inbox().retention().toSeconds());
			if (outbox + inbox > 0) {
				log.info("Purged {} published outbox rows and {} inbox ids", outbox, inbox);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Purge failed, will try again: {}", ex.toString());
		}
	}

	@Override
	public void start() {
		this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("retention").factory());
		this.scheduler.scheduleWithFixedDelay(this::purge, 1, 60, TimeUnit.MINUTES);
	}

	@Override
	public void stop() {
		this.scheduler.shutdownNow();
		this.scheduler = null;
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

}
