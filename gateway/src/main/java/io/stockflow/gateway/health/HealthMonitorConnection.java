package io.stockflow.gateway.health;

import java.net.http.HttpClient;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import io.stockflow.gateway.internal.ServiceClient;

/**
 * The health monitor's address ({@code stockflow.gateway.health-url}) and a client with
 * short timeouts: a health page must say "monitor unreachable" quickly, not hang.
 */
@Configuration(proxyBeanMethods = false)
class HealthMonitorConnection {

	@Bean
	ServiceClient healthMonitor(RestClient.Builder builder,
			@Value("${stockflow.gateway.health-url:http://127.0.0.1:8084}") String url) {
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
		requests.setReadTimeout(Duration.ofSeconds(10));
		return new ServiceClient(builder.clone().requestFactory(requests).baseUrl(url).build(), "health monitor");
	}

}
