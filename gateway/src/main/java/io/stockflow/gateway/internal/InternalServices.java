package io.stockflow.gateway.internal;

import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import io.stockflow.gateway.config.GatewaySettings;

/**
 * Clients of the internal services the gateway reads from, with short timeouts: one pool
 * of kept-alive connections per service (Apache HttpClient, blocking, on the request's
 * virtual thread).
 */
@Configuration(proxyBeanMethods = false)
class InternalServices {

	/** Connections kept open to one service at most; more callers wait for one. */
	private static final int CONNECTIONS_PER_SERVICE = 64;

	/** One pool for the calls to all internal services, closed with the context. */
	@Bean(destroyMethod = "close")
	CloseableHttpClient internalHttpClient() {
		PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
			.setMaxConnTotal(3 * CONNECTIONS_PER_SERVICE)
			.setMaxConnPerRoute(CONNECTIONS_PER_SERVICE)
			.setDefaultConnectionConfig(ConnectionConfig.custom()
				.setConnectTimeout(Timeout.ofSeconds(2))
				.setSocketTimeout(Timeout.ofSeconds(30))
				.setValidateAfterInactivity(TimeValue.ofSeconds(2))
				.build())
			.build();
		return HttpClients.custom()
			.setConnectionManager(connections)
			.setDefaultRequestConfig(RequestConfig.custom()
				.setConnectionRequestTimeout(Timeout.ofSeconds(2))
				.setResponseTimeout(Timeout.ofSeconds(30))
				.build())
			.evictIdleConnections(TimeValue.of(30, TimeUnit.SECONDS))
			.disableAutomaticRetries()
			.build();
	}

	@Bean
	ServiceClient catalog(RestClient.Builder builder, CloseableHttpClient internalHttpClient,
			GatewaySettings settings) {
		return new ServiceClient(client(builder, internalHttpClient, settings.catalogUrl()), "catalogue");
	}

	@Bean
	ServiceClient inventory(RestClient.Builder builder, CloseableHttpClient internalHttpClient,
			GatewaySettings settings) {
		return new ServiceClient(client(builder, internalHttpClient, settings.inventoryUrl()), "inventory");
	}

	@Bean
	ServiceClient orders(RestClient.Builder builder, CloseableHttpClient internalHttpClient, GatewaySettings settings) {
		return new ServiceClient(client(builder, internalHttpClient, settings.ordersUrl()), "order service");
	}

	private static RestClient client(RestClient.Builder builder, CloseableHttpClient http, String baseUrl) {
		return builder.clone()
			.requestFactory(new HttpComponentsClientHttpRequestFactory(http))
			.baseUrl(baseUrl)
			.build();
	}

}
