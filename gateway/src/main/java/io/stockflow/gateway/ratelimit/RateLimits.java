package io.stockflow.gateway.ratelimit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rate limits shared by every gateway instance: token buckets kept in Redis (Bucket4j).
 * When Redis cannot be reached the limits are not applied, and that is logged: losing
 * sign-in and ordering with the cache would be worse than a minute without throttling.
 */
public class RateLimits {

	private static final Logger log = LoggerFactory.getLogger(RateLimits.class);

	private final ProxyManager<byte[]> buckets;

	private final String prefix;

	private final Map<Limit, BucketConfiguration> configurations = new EnumMap<>(Limit.class);

	public RateLimits(ProxyManager<byte[]> buckets, String prefix, Function<Limit, BucketConfiguration> configuration) {
		this.buckets = buckets;
		this.prefix = prefix;
		for (Limit limit : Limit.values()) {
			this.configurations.put(limit, configuration.apply(limit));
		}
	}

	/**
	 * Takes one token.
	 * @param limit the limit
	 * @param key whose bucket: a user name or an address
	 * @throws TooManyRequestsException if the bucket is empty
	 */
	public void consume(Limit limit, String key) {
		probe(limit, key, true).ifPresent((wait) -> {
			throw new TooManyRequestsException(limit, wait);
		});
	}

	/**
	 * Checks that a token is left, without taking it.
	 * @param limit the limit
	 * @param key whose bucket
	 * @throws TooManyRequestsException if the bucket is empty
	 */
	public void requireAvailable(Limit limit, String key) {
		probe(limit, key, false).ifPresent((wait) -> {
			throw new TooManyRequestsException(limit, wait);
		});
	}

	/**
	 * Takes one token if one is left, and never throws.
	 * @param limit the limit
	 * @param key whose bucket
	 */
	public void record(Limit limit, String key) {
		probe(limit, key, true);
	}

	private Optional<Duration> probe(Limit limit, String key, boolean consume) {
		try {
			byte[] id = (this.prefix + "ratelimit:" + limit.key + ":" + key).getBytes(StandardCharsets.UTF_8);
			var bucket = this.buckets.getProxy(id, () -> this.configurations.get(limit));
			if (consume) {
				ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
				return probe.isConsumed() ? Optional.empty()
						: Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
			}
			var estimate = bucket.estimateAbilityToConsume(1);
			return estimate.canBeConsumed() ? Optional.empty()
					: Optional.of(Duration.ofNanos(estimate.getNanosToWaitForRefill()));
		}
		catch (RuntimeException ex) {
			log.warn("Rate limit {} not applied, Redis unavailable: {}", limit, ex.toString());
			return Optional.empty();
		}
	}

	/** What is limited, and the name of its buckets. */
	public enum Limit {

		/** Wrong passwords for one user name. */
		LOGIN_FAILURES_PER_USER("login-failures-user"),

		/** Sign-in attempts from one address, right or wrong. */
		LOGIN_ATTEMPTS_PER_IP("login-attempts-ip"),

		/** Orders placed by one user. */
		ORDERS_PER_USER("orders-user");

		private final String key;

		Limit(String key) {
			this.key = key;
		}

	}

}
