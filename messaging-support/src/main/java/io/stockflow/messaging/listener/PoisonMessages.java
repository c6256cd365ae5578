package io.stockflow.messaging.listener;

import java.util.List;

import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.messaging.handler.invocation.MethodArgumentResolutionException;

import io.stockflow.contracts.InvalidMessageException;

/**
 * Tells a message that can never succeed (unreadable, invalid, not allowed) from a
 * transient failure (database or broker briefly away): the first is parked at once, the
 * second retried.
 */
public final class PoisonMessages {

	private static final List<Class<? extends Throwable>> POISON = List.of(MessageConversionException.class,
			InvalidMessageException.class, MethodArgumentResolutionException.class,
			org.springframework.messaging.converter.MessageConversionException.class, ClassCastException.class);

	private PoisonMessages() {
	}

	/**
	 * @param failure what a listener threw
	 * @return true if retrying cannot help
	 */
	public static boolean isPoison(Throwable failure) {
		for (Throwable t = failure; t != null; t = (t.getCause() != t) ? t.getCause() : null) {
			for (Class<? extends Throwable> poison : POISON) {
				if (poison.isInstance(t)) {
					return true;
				}
			}
		}
		return false;
	}

}
