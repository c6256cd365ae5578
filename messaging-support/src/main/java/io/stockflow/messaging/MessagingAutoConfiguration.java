package io.stockflow.messaging;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.aopalliance.aop.Advice;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.config.RetryInterceptorBuilder;
import org.springframework.amqp.rabbit.config.ContainerCustomizer;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionNameStrategy;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.amqp.autoconfigure.ConnectionFactoryCustomizer;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.stockflow.messaging.inbox.Inbox;
import io.stockflow.messaging.listener.BatchDeliveries;
import io.stockflow.messaging.listener.BundledMessageTraces;
import io.stockflow.messaging.listener.ParkingRecoverer;
import io.stockflow.messaging.listener.PoisonMessages;
import io.stockflow.messaging.observation.EventCounters;
import io.stockflow.messaging.observation.TraceContexts;
import io.stockflow.messaging.outbox.Outbox;
import io.stockflow.messaging.outbox.OutboxGauges;
import io.stockflow.messaging.outbox.OutboxRelay;

/**
 * Wires the messaging backbone into every service: envelope JSON, named connections, the
 * outbox and its relay, the inbox, and listeners that retry transient failures with
 * back-off and park poison messages with their reason.
 */
@AutoConfiguration(afterName = "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration")
@EnableConfigurationProperties(MessagingSettings.class)
public class MessagingAutoConfiguration {

	@Bean
	MessageSigner messageSigner(MessagingSettings settings) {
		return new MessageSigner(settings.signingKey());
	}

	@Bean
	EnvelopeMessageConverter envelopeMessageConverter(MessageSigner signer) {
		return new EnvelopeMessageConverter(signer);
	}

	@Bean
	ConnectionNameStrategy serviceConnectionNames(Environment environment, MessagingSettings settings) {
		String service = environment.getProperty("spring.application.name", "stockflow");
		String instance = settings.instance();
		return new ServiceConnectionNames(service, (instance != null && !instance.isBlank()) ? instance : hostAndPid());
	}

	/**
	 * A channel call the broker never answers (basic.cancel while it is busy, say) fails
	 * after 30 s rather than blocking its thread for the client's default ten minutes.
	 */
	@Bean
	ConnectionFactoryCustomizer channelRpcTimeout() {
		return (factory) -> factory.setChannelRpcTimeout((int) Duration.ofSeconds(30).toMillis());
	}

	/**
	 * Unpacks the bundles the outbox relay sends, in every listener container, into the
	 * messages they carry.
	 */
	@Bean
	MessageBundles messageBundles() {
		return new MessageBundles();
	}

	@Bean
	MessagingSchema messagingSchema(DataSource dataSource) {
		return new MessagingSchema(dataSource);
	}

	/**
	 * The trace context of the transaction that writes an outbox row travels with the row
	 * to the relay, which publishes it later from its own thread.
	 */
	@Bean
	TraceContexts traceContexts(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		Tracer t = tracer.getIfAvailable();
		Propagator p = propagator.getIfAvailable();
		return (t != null && p != null) ? new TraceContexts(t, p) : TraceContexts.none();
	}

	@Bean
	Outbox outbox(JdbcTemplate jdbc, OutboxRelay relay, TraceContexts traces, ObjectProvider<MeterRegistry> meters) {
		EventCounters counters = new EventCounters(meters.getIfAvailable(SimpleMeterRegistry::new));
		return new Outbox(jdbc, relay::wakeUp, traces, counters::committed);
	}

	@Bean
	OutboxRelay outboxRelay(MessagingSchema schema, JdbcClient jdbc, TransactionTemplate transactions,
			RabbitTemplate rabbit, EnvelopeMessageConverter converter, MessagingSettings settings, TraceContexts traces,
			ObjectProvider<MeterRegistry> meters) {
		return new OutboxRelay(jdbc, transactions, rabbit, converter, settings.outbox(), traces,
				meters.getIfAvailable(SimpleMeterRegistry::new));
	}

	@Bean
	OutboxGauges outboxGauges(MessagingSchema schema, JdbcClient jdbc) {
		return new OutboxGauges(jdbc);
	}

	@Bean
	Inbox inbox(MessagingSchema schema, JdbcClient jdbc, TransactionTemplate transactions,
			ObjectProvider<MeterRegistry> meters) {
		return new Inbox(jdbc, transactions, meters.getIfAvailable(SimpleMeterRegistry::new));
	}

	@Bean
	Retention messagingRetention(OutboxRelay relay, Inbox inbox, MessagingSettings settings) {
		return new Retention(relay, inbox, settings);
	}

	@Bean
	ParkingRecoverer parkingRecoverer(RabbitTemplate rabbit, ObjectProvider<MeterRegistry> meters) {
		return new ParkingRecoverer(rabbit, meters.getIfAvailable(SimpleMeterRegistry::new));
	}

	@Bean
	BatchDeliveries batchDeliveries(EnvelopeMessageConverter converter, Inbox inbox, TransactionTemplate transactions,
			TraceContexts traces, ParkingRecoverer parking, MessagingSettings settings) {
		return new BatchDeliveries(converter, inbox, transactions, traces, parking, retryPolicy(settings),
				settings.batch().size());
	}

	/**
	 * Containers of listeners that take a {@code List<Message>} and hand it to
	 * {@link BatchDeliveries}, which retries and parks message by message itself: no
	 * retry advice here. Acks go out after the listener returned (the batch committed);
	 * if it throws, the batch is rejected to the queue's dead-lettering. A bundle counts
	 * as one delivery of the batch and is handed on as the messages it carries.
	 */
	@Bean(name = MessagingSettings.BATCH_LISTENER_FACTORY)
	SimpleRabbitListenerContainerFactory stockflowBatchListenerFactory(
			SimpleRabbitListenerContainerFactoryConfigurer configurer, ConnectionFactory connectionFactory,
			MessagingSettings settings, RabbitProperties rabbit, MessageBundles bundles) {
		MessagingSettings.Batch batch = settings.batch();
		SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
		configurer.configure(factory, connectionFactory);
		Integer prefetch = rabbit.getListener().getSimple().getPrefetch();
		factory.setPrefetchCount(Math.max((prefetch != null) ? prefetch : 0, batch.size()));
		factory.setBatchListener(true);
		factory.setConsumerBatchEnabled(true);
		factory.setBatchSize(batch.size());
		factory.setReceiveTimeout(batch.receiveTimeout().toMillis());
		factory.setBatchReceiveTimeout(batch.maxWait().toMillis());
		factory.setAcknowledgeMode(AcknowledgeMode.AUTO);
		factory.setDefaultRequeueRejected(false);
		factory.setBatchingStrategy(bundles);
		return factory;
	}

	/**
	 * Boot applies this to every listener container it creates: transient failures are
	 * retried with back-off in the listener thread, then the message is parked; poison is
	 * parked at once. A bundle's messages are each retried and parked alone, each in its
	 * own trace; the delivery is acknowledged once all of them are through.
	 */
	@Bean
	ContainerCustomizer<SimpleMessageListenerContainer> retryThenPark(ParkingRecoverer parking,
			MessagingSettings settings, MessageBundles bundles, TraceContexts traces) {
		Advice retryThenPark = RetryInterceptorBuilder.stateless()
			.retryPolicy(retryPolicy(settings))
			.recoverer(parking)
			.build();
		return (container) -> {
			container.setAdviceChain(new BundledMessageTraces(traces), retryThenPark);
			// acks go out after the listener returned, i.e. after its transaction
			// committed
			container.setAcknowledgeMode(AcknowledgeMode.AUTO);
			container.setDefaultRequeueRejected(false);
			container.setBatchingStrategy(bundles);
		};
	}

	/** Transient failures are retried with back-off; poison is not retried. */
	private static RetryPolicy retryPolicy(MessagingSettings settings) {
		MessagingSettings.Listener retry = settings.listener();
		return RetryPolicy.builder()
			.maxRetries(retry.maxRetries())
			.delay(retry.initialInterval())
			.multiplier(retry.multiplier())
			.maxDelay(retry.maxInterval())
			.predicate((failure) -> !PoisonMessages.isPoison(failure))
			.build();
	}

	private static String hostAndPid() {
		try {
			return InetAddress.getLocalHost().getHostName() + ":" + ProcessHandle.current().pid();
		}
		catch (UnknownHostException ex) {
			return "localhost:" + ProcessHandle.current().pid();
		}
	}

}
