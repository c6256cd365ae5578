package io.stockflow.gateway.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the gateway, prefix {@code stockflow.gateway}.
 *
 * @param admin the bootstrap admin
 * @param jwt the API tokens
 * @param catalogUrl base address of catalog-service
 * @param inventoryUrl base address of inventory-service
 * @param ordersUrl base address of order-service
 */
@ConfigurationProperties("stockflow.gateway")
public record GatewaySettings(@DefaultValue Admin admin, @DefaultValue Jwt jwt,
		@DefaultValue("http://127.0.0.1:8083") String catalogUrl,
		@DefaultValue("http://127.0.0.1:8081") String inventoryUrl,
		@DefaultValue("http://127.0.0.1:8082") String ordersUrl) {

	/**
	 * @param username the first admin's name; nothing is created when empty
	 * @param password the first admin's password
	 */
	public record Admin(String username, String password) {
	}

	/**
	 * @param secret HMAC-SHA256 key, at least 32 bytes
	 * @param ttl how long a token is valid
	 */
	public record Jwt(String secret, @DefaultValue("15m") Duration ttl) {
	}

}
