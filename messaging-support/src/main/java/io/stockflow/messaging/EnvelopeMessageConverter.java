package io.stockflow.messaging;

import java.util.UUID;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.amqp.support.converter.MessageConverter;

import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.InvalidMessageException;
import io.stockflow.contracts.MessageJson;

/**
 * Converts {@link Envelope}s to signed, persistent JSON messages and back. A message
 * whose signature does not verify, or whose body is unreadable, becomes a
 * {@link MessageConversionException}, which the listener parks without retrying.
 */
public class EnvelopeMessageConverter implements MessageConverter {

	private final MessageSigner signer;

	public EnvelopeMessageConverter(MessageSigner signer) {
		this.signer = signer;
	}

	@Override
	public Message toMessage(Object object, MessageProperties properties) {
		if (!(object instanceof Envelope<?> envelope)) {
			throw new MessageConversionException("Stockflow sends envelopes only, not " + object.getClass());
		}
		return toMessage(envelope.messageId(), envelope.type(), envelope.correlationId(), MessageJson.write(envelope),
				properties);
	}

	/**
	 * A persistent JSON message with the envelope's identity in its properties, as the
	 * outbox relay sends a stored envelope.
	 * @param messageId the envelope's message id
	 * @param type the envelope's type
	 * @param correlationId the envelope's correlation id
	 * @param body the envelope's JSON
	 * @return the message
	 */
	public Message message(UUID messageId, String type, UUID correlationId, byte[] body) {
		return toMessage(messageId, type, correlationId, body, new MessageProperties());
	}

	private Message toMessage(UUID messageId, String type, UUID correlationId, byte[] body,
			MessageProperties properties) {
		properties.setMessageId(messageId.toString());
		properties.setType(type);
		properties.setCorrelationId(correlationId.toString());
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		properties.setContentEncoding("UTF-8");
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		properties.setHeader(MessageSigner.HEADER, this.signer.sign(body));
		return new Message(body, properties);
	}

	@Override
	public Envelope<?> fromMessage(Message message) {
		Object unreadable = message.getMessageProperties().getHeader(MessageBundles.UNREADABLE);
		if (unreadable != null) {
			throw new MessageConversionException(unreadable.toString());
		}
		try {
			this.signer.verify(message);
			return MessageJson.read(message.getBody());
		}
		catch (InvalidMessageException ex) {
			throw new MessageConversionException(ex.getMessage(), ex);
		}
	}

}
