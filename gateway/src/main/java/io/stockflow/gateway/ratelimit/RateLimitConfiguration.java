package io.stockflow.gateway.ratelimit;

import java.time.Duration;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;

import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Bucket4j buckets in the same Redis as the sessions and the cache. */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

	@Bean(destroyMethod = "shutdown")
	RedisClient rateLimitRedisClient(DataRedisProperties redis) {
		RedisURI uri = RedisURI.create(redis.getHost(), redis.getPort());
		// also bounds the connection's handshake at start: 500 ms failed the gateway's
		// start
		// on a busy machine; a hung Redis still costs at most this per request before the
		// limit is skipped
		uri.setTimeout(Duration.ofSeconds(2));
		return RedisClient.create(uri);
	}

	@Bean
	RateLimits rateLimits(RedisClient redis, RateLimitSettings settings) {
		var buckets = Bucket4jLettuce.casBasedBuilder(redis)
			.expirationAfterWrite(ExpirationAfterWriteStrategy
				.basedOnTimeForRefillingBucketUpToMax(settings.period().multipliedBy(2)))
			.build();
		return new RateLimits(buckets, settings.redisPrefix(), (limit) -> {
			long capacity = switch (limit) {
				case LOGIN_FAILURES_PER_USER -> settings.loginFailuresPerUser();
				case LOGIN_ATTEMPTS_PER_IP -> settings.loginAttemptsPerIp();
				case ORDERS_PER_USER -> settings.ordersPerUser();
			};
			return BucketConfiguration.builder()
				.addLimit((l) -> l.capacity(capacity).refillIntervally(capacity, settings.period()))
				.build();
		});
	}

}
