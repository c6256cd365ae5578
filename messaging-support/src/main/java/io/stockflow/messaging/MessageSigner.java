package io.stockflow.messaging;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.amqp.core.Message;

/**
 * Signs every message Stockflow publishes and verifies every message it consumes: an
 * HMAC-SHA256 of the exact body bytes (envelope, actor and payload) in the header
 * {@value #HEADER}, with a key shared by the services through configuration. A body
 * changed on the way, or a message forged without the key, fails verification and is
 * parked; a genuine message replayed is stopped by the consumer's inbox.
 */
public class MessageSigner {

	/**
	 * The header that carries the signature,
	 * {@code v1:<base64url HMAC-SHA256 of the body>}.
	 */
	public static final String HEADER = "x-stockflow-signature";

	private static final String VERSION = "v1:";

	private final SecretKeySpec key;

	/**
	 * @param key the shared signing key, at least 16 characters
	 */
	public MessageSigner(String key) {
		if (key == null || key.length() < 16) {
			throw new IllegalStateException(
					"stockflow.messaging.signing-key (STOCKFLOW_COMMAND_SIGNING_KEY) must be set, at least 16 characters");
		}
		this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
	}

	/**
	 * @param body a message body
	 * @return its signature header value
	 */
	public String sign(byte[] body) {
		return VERSION + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(body));
	}

	/**
	 * Checks a received message's signature.
	 * @param message the message
	 * @throws UntrustedMessageException if the signature is missing or does not match the
	 * body
	 */
	public void verify(Message message) {
		Object header = message.getMessageProperties().getHeader(HEADER);
		if (!(header instanceof String signature) || !signature.startsWith(VERSION)) {
			throw new UntrustedMessageException("message is not signed");
		}
		byte[] claimed;
		try {
			claimed = Base64.getUrlDecoder().decode(signature.substring(VERSION.length()));
		}
		catch (IllegalArgumentException ex) {
			throw new UntrustedMessageException("message signature is malformed");
		}
		if (!MessageDigest.isEqual(claimed, mac(message.getBody()))) {
			throw new UntrustedMessageException("message signature does not match its body");
		}
	}

	private byte[] mac(byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			return mac.doFinal(body);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 unavailable", ex);
		}
	}

}
