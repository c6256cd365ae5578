package io.stockflow.gateway.catalog;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.server.ResponseStatusException;

import io.stockflow.gateway.config.GatewaySettings;

/**
 * Reads from catalog-service over HTTP. Its JSON is passed through as it is; its errors
 * keep their status and detail; when it cannot be reached the answer is 503.
 */
@Component
class CatalogClient {

	private final RestClient http;

	CatalogClient(RestClient.Builder builder, GatewaySettings settings) {
		this.http = builder.baseUrl(settings.catalogUrl()).build();
	}

	ResponseEntity<String> get(String path, Object... variables) {
		try {
			return this.http.get().uri(path, variables).exchange((request, response) -> {
				String body = response.bodyTo(String.class);
				MediaType type = response.getHeaders().getContentType();
				return ResponseEntity.status(response.getStatusCode())
					.contentType((type != null) ? type : MediaType.APPLICATION_JSON)
					.body(body);
			});
		}
		catch (ResourceAccessException ex) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
					"The catalogue is unavailable right now; try again shortly.");
		}
	}

}
