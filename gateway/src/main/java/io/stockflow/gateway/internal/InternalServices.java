package io.stockflow.gateway.internal;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import io.stockflow.gateway.config.GatewaySettings;

/** Clients of the internal services the gateway reads from, with short timeouts. */
@Configuration(proxyBeanMethods = false)
class InternalServices {

	@Bean
	ServiceClient catalog(RestClient.Builder builder, GatewaySettings settings) {
		return new ServiceClient(client(builder, settings.catalogUrl()), "catalogue");
	}

	@Bean
	ServiceClient inventory(RestClient.Builder builder, GatewaySettings settings) {
		return new ServiceClient(client(builder, settings.inventoryUrl()), "inventory");
	}

	@Bean
	ServiceClient orders(RestClient.Builder builder, GatewaySettings settings) {
		return new ServiceClient(client(builder, settings.ordersUrl()), "order service");
	}

	private static RestClient client(RestClient.Builder builder, String baseUrl) {
		java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
			.version(java.net.http.HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
		requests.setReadTimeout(Duration.ofSeconds(30));
		return builder.clone().requestFactory(requests).baseUrl(baseUrl).build();
	}

}
