package io.stockflow.messaging;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.support.converter.MessageConversionException;

import io.stockflow.contracts.Actor;
import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.inventory.ItemAdded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Bundles as the relay makes them and the containers unpack them: each message comes out
 * as it went in, with the bundle's delivery; what cannot be unpacked is refused with its
 * reason, not dropped.
 */
class MessageBundlesTests {

	private final MessageSigner signer = new MessageSigner("bundle-test-signing-key");

	private final EnvelopeMessageConverter converter = new EnvelopeMessageConverter(this.signer);

	private final MessageBundles bundles = new MessageBundles();

	@Test
	void eachMessageComesOutWithItsOwnPropertiesAndTheBundlesDelivery() {
		List<Envelope<ItemAdded>> events = List.of(event("B-1"), event("B-2"), event("B-3"));
		List<Message> messages = events.stream().map(this::message).toList();
		messages.get(1)
			.getMessageProperties()
			.setHeader("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

		Message bundle = delivered(this.bundles.bundle(messages));
		List<Message> unpacked = new ArrayList<>();
		this.bundles.deBatch(bundle, unpacked::add);

		assertThat(unpacked).hasSize(3);
		for (int i = 0; i < 3; i++) {
			MessageProperties in = messages.get(i).getMessageProperties();
			MessageProperties out = unpacked.get(i).getMessageProperties();
			assertThat(unpacked.get(i).getBody()).isEqualTo(messages.get(i).getBody());
			assertThat(out.getMessageId()).isEqualTo(in.getMessageId());
			assertThat(out.getType()).isEqualTo(in.getType());
			assertThat(out.getCorrelationId()).isEqualTo(in.getCorrelationId());
			assertThat(out.getHeaders()).containsAllEntriesOf(in.getHeaders()).doesNotContainKey(MessageBundles.HEADER);
			assertThat(out.getContentType()).isEqualTo(MessageProperties.CONTENT_TYPE_JSON);
			assertThat(out.getConsumerQueue()).isEqualTo("catalog.item-events");
			assertThat(out.getDeliveryTag()).isEqualTo(42);
			assertThat(out.isRedelivered()).isTrue();
			assertThat(out.getHeaders()).containsEntry("x-delivery-count", 2L);
			assertThat(this.converter.fromMessage(unpacked.get(i))).isEqualTo(events.get(i));
		}
		assertThat(unpacked.get(0).getMessageProperties().getHeaders()).doesNotContainKey("traceparent");
		assertThat(unpacked.get(1).getMessageProperties().getHeaders()).containsKey("traceparent");
		assertThat(unpacked.get(2).getMessageProperties().isLastInBatch()).isTrue();
	}

	@Test
	void aMessageChangedInsideABundleFailsItsOwnSignatureOnly() {
		List<Message> messages = List.of(message(event("S-1")), message(event("S-2")));
		byte[] body = messages.get(1).getBody();
		byte[] forged = new String(body, StandardCharsets.UTF_8).replace("S-2", "S-9").getBytes(StandardCharsets.UTF_8);
		List<Message> withForgery = List.of(messages.get(0),
				new Message(forged, messages.get(1).getMessageProperties()));

		List<Message> unpacked = new ArrayList<>();
		this.bundles.deBatch(delivered(this.bundles.bundle(withForgery)), unpacked::add);

		assertThat(this.converter.fromMessage(unpacked.get(0)).payload()).isInstanceOf(ItemAdded.class);
		assertThatExceptionOfType(MessageConversionException.class)
			.isThrownBy(() -> this.converter.fromMessage(unpacked.get(1)));
	}

	@Test
	void aBundleThatCannotBeReadIsHandedOnWholeAndRefusedWithTheReason() {
		Message bundle = delivered(this.bundles.bundle(List.of(message(event("T-1")), message(event("T-2")))));
		byte[] cut = java.util.Arrays.copyOf(bundle.getBody(), bundle.getBody().length - 10);
		Message truncated = new Message(cut, bundle.getMessageProperties());

		List<Message> unpacked = new ArrayList<>();
		this.bundles.deBatch(truncated, unpacked::add);

		assertThat(unpacked).singleElement().isSameAs(truncated);
		assertThatExceptionOfType(MessageConversionException.class)
			.isThrownBy(() -> this.converter.fromMessage(unpacked.get(0)))
			.withMessageStartingWith("unreadable bundle: ");
		assertThat(this.bundles.canDebatch(unpacked.get(0).getMessageProperties())).isFalse();
	}

	@Test
	void aBundleThatSaysItCarriesFewerMessagesThanItDoesIsUnreadable() {
		Message bundle = delivered(this.bundles.bundle(List.of(message(event("U-1")), message(event("U-2")))));
		bundle.getMessageProperties().setHeader(MessageBundles.HEADER, 1);

		List<Message> unpacked = new ArrayList<>();
		this.bundles.deBatch(bundle, unpacked::add);

		assertThat(unpacked).singleElement().isSameAs(bundle);
		assertThat((String) bundle.getMessageProperties().getHeader(MessageBundles.UNREADABLE))
			.contains("after the last of 1 messages");
	}

	@Test
	void onlyStringHeadersCanBeBundled() {
		Message message = message(event("H-1"));
		message.getMessageProperties().setHeader("attempt", 3);

		assertThatIllegalArgumentException().isThrownBy(() -> this.bundles.bundle(List.of(message)))
			.withMessageContaining("attempt");
	}

	private Message message(Envelope<?> envelope) {
		return this.converter.toMessage(envelope, new MessageProperties());
	}

	/** The bundle as a consumer gets it: a queue, a tag, a second delivery. */
	private static Message delivered(Message bundle) {
		MessageProperties properties = bundle.getMessageProperties();
		properties.setConsumerQueue("catalog.item-events");
		properties.setDeliveryTag(42);
		properties.setRedelivered(true);
		properties.setHeader("x-delivery-count", 2L);
		assertThat(new MessageBundles().canDebatch(properties)).isTrue();
		return bundle;
	}

	private static Envelope<ItemAdded> event(String sku) {
		ItemAdded added = new ItemAdded(sku, "Titan", "Edge", "", new BigDecimal("10.00"), null, List.of(), 1);
		return Envelope.first(UUID.randomUUID(), Actor.service("inventory-service"), added);
	}

}
