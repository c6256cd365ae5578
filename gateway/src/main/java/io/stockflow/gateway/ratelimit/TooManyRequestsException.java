package io.stockflow.gateway.ratelimit;

import java.time.Duration;

/** A rate limit was hit; the answer is 429 with {@code Retry-After}. */
public class TooManyRequestsException extends RuntimeException {

	private final transient RateLimits.Limit limit;

	private final Duration retryAfter;

	TooManyRequestsException(RateLimits.Limit limit, Duration retryAfter) {
		super("Too many requests: " + limit);
		this.limit = limit;
		this.retryAfter = retryAfter;
	}

	public RateLimits.Limit limit() {
		return this.limit;
	}

	/**
	 * @return whole seconds to wait, at least one
	 */
	public long retryAfterSeconds() {
		return Math.max(1, (this.retryAfter.toMillis() + 999) / 1000);
	}

}
