package io.stockflow.messaging;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.batch.BatchingStrategy;
import org.springframework.amqp.rabbit.batch.MessageBatch;
import org.springframework.beans.BeanUtils;

/**
 * Several messages for one exchange and routing key carried as one AMQP message: the
 * outbox relay bundles the consecutive rows of a pass that go the same way, and every
 * listener container unpacks a bundle (Spring AMQP's de-batching) into the messages it
 * was made of, each with its own id, type, correlation id, signature and trace headers.
 * Listeners, the inbox, retries and parking therefore still see one envelope at a time;
 * only the broker and the AMQP clients handle one message for many.
 *
 * <p>
 * Spring AMQP's {@code SimpleBatchingStrategy} gives every fragment the first message's
 * properties, so a fragment would carry another message's signature and trace: hence a
 * format of our own. The body holds, per message, its id, type and correlation id, its
 * headers (strings only) and its body, written with {@link DataOutputStream}; the header
 * {@value #HEADER} says how many. A bundle that cannot be read is handed on whole, marked
 * with {@value #UNREADABLE} so that {@link EnvelopeMessageConverter} refuses it with the
 * reason and the listener parks it.
 */
public final class MessageBundles implements BatchingStrategy {

	/** Header of a bundle: how many messages it carries. */
	public static final String HEADER = "stockflow-bundle";

	/** Header of a bundle that could not be unpacked: why. */
	public static final String UNREADABLE = "stockflow-bundle-unreadable";

	/** Content type of a bundle. */
	public static final String CONTENT_TYPE = "application/vnd.stockflow.bundle";

	/**
	 * One message carrying all the given ones, in their order.
	 * @param messages messages for the same exchange and routing key, at least one; their
	 * headers must be strings
	 * @return the bundle, persistent
	 * @throws IllegalArgumentException if a header is not a string
	 */
	public Message bundle(List<Message> messages) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(
				messages.stream().mapToInt((m) -> m.getBody().length + 256).sum());
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			for (Message message : messages) {
				write(message, out);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		MessageProperties properties = new MessageProperties();
		// an id and a type for people, should the broker dead-letter the bundle whole
		String first = messages.getFirst().getMessageProperties().getMessageId();
		properties.setMessageId((first != null) ? "bundle-" + first : null);
		properties.setType("bundle");
		properties.setContentType(CONTENT_TYPE);
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		properties.setHeader(HEADER, messages.size());
		return new Message(bytes.toByteArray(), properties);
	}

	@Override
	public boolean canDebatch(MessageProperties properties) {
		return properties.getHeaders().containsKey(HEADER);
	}

	/**
	 * Hands on each message of a bundle, with the bundle's delivery (queue, tag,
	 * redelivery, delivery count) and its own properties; a bundle that cannot be read
	 * whole is handed on as it is, marked {@value #UNREADABLE}.
	 */
	@Override
	public void deBatch(Message bundle, Consumer<Message> fragments) {
		List<Message> messages;
		try {
			messages = unpack(bundle);
		}
		catch (IOException | RuntimeException ex) {
			MessageProperties properties = bundle.getMessageProperties();
			properties.getHeaders().remove(HEADER);
			properties.setHeader(UNREADABLE, "unreadable bundle: " + ex);
			fragments.accept(bundle);
			return;
		}
		messages.forEach(fragments);
	}

	private static void write(Message message, DataOutputStream out) throws IOException {
		MessageProperties properties = message.getMessageProperties();
		writeNullable(properties.getMessageId(), out);
		writeNullable(properties.getType(), out);
		writeNullable(properties.getCorrelationId(), out);
		Map<String, Object> headers = properties.getHeaders();
		out.writeShort(headers.size());
		for (Map.Entry<String, Object> header : headers.entrySet()) {
			if (!(header.getValue() instanceof String value)) {
				throw new IllegalArgumentException("a bundled message's headers must be strings: " + header.getKey());
			}
			out.writeUTF(header.getKey());
			out.writeUTF(value);
		}
		out.writeInt(message.getBody().length);
		out.write(message.getBody());
	}

	/**
	 * The messages of a bundle, for a reader that is no listener container (a stream
	 * replay, the parked-message view).
	 * @param bundle a message for which {@link #canDebatch} is true
	 * @return its messages, in order
	 * @throws IOException if it cannot be read whole
	 */
	public static List<Message> unpack(Message bundle) throws IOException {
		int count = ((Number) bundle.getMessageProperties().getHeaders().get(HEADER)).intValue();
		if (count < 1) {
			throw new IOException("a bundle of " + count + " messages");
		}
		List<Message> messages = new ArrayList<>(Math.min(count, 1024));
		DataInputStream in = new DataInputStream(new ByteArrayInputStream(bundle.getBody()));
		for (int i = 0; i < count; i++) {
			MessageProperties properties = delivery(bundle.getMessageProperties());
			properties.setMessageId(readNullable(in));
			properties.setType(readNullable(in));
			properties.setCorrelationId(readNullable(in));
			int headers = in.readUnsignedShort();
			for (int h = 0; h < headers; h++) {
				properties.setHeader(in.readUTF(), in.readUTF());
			}
			int length = in.readInt();
			byte[] body = in.readNBytes(length);
			if (body.length != length) {
				throw new EOFException("message " + (i + 1) + " of " + count + " cut short");
			}
			properties.setContentLength(body.length);
			properties.setLastInBatch(i == count - 1);
			messages.add(new Message(body, properties));
		}
		if (in.available() > 0) {
			throw new IOException(in.available() + " bytes after the last of " + count + " messages");
		}
		return messages;
	}

	/** A message's properties as delivered: the bundle's, but for its own headers. */
	private static MessageProperties delivery(MessageProperties bundle) {
		MessageProperties properties = new MessageProperties();
		BeanUtils.copyProperties(bundle, properties, "headers");
		properties.setHeaders(new HashMap<>(bundle.getHeaders()));
		properties.getHeaders().remove(HEADER);
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		properties.setContentEncoding("UTF-8");
		return properties;
	}

	private static void writeNullable(String value, DataOutputStream out) throws IOException {
		out.writeBoolean(value != null);
		if (value != null) {
			out.writeUTF(value);
		}
	}

	private static String readNullable(DataInputStream in) throws IOException {
		return in.readBoolean() ? in.readUTF() : null;
	}

	/** Bundles are made by the outbox relay, not by a batching template. */
	@Override
	public MessageBatch addToBatch(String exchange, String routingKey, Message message) {
		throw new UnsupportedOperationException("bundles are made by the outbox relay");
	}

	@Override
	public Date nextRelease() {
		return null;
	}

	@Override
	public Collection<MessageBatch> releaseBatches() {
		return List.of();
	}

}
