package io.stockflow.gateway.ratelimit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits, prefix {@code stockflow.gateway.rate-limits}: how many per period.
 *
 * @param loginFailuresPerUser wrong passwords for one user name
 * @param loginAttemptsPerIp sign-in attempts from one address
 * @param ordersPerUser orders placed by one user
 * @param period the period every limit refills in
 * @param redisPrefix prefix of the buckets' keys in Redis
 */
@ConfigurationProperties("stockflow.gateway.rate-limits")
public record RateLimitSettings(@DefaultValue("10") long loginFailuresPerUser,
		@DefaultValue("60") long loginAttemptsPerIp, @DefaultValue("600") long ordersPerUser,
		@DefaultValue("1m") Duration period, @DefaultValue("stockflow:") String redisPrefix) {
}
