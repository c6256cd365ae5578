package io.stockflow.gateway.catalog;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
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

	/**
	 * The catalogue's answer, as it is for success; an error becomes the gateway's own
	 * problem (same status, detail and field errors) so that the catalogue's internal
	 * paths stay inside.
	 * @param path the catalogue path
	 * @param variables its URI variables
	 * @return status and JSON body
	 */
	ResponseEntity<String> get(String path, Object... variables) {
		try {
			return this.http.get().uri(path, variables).exchange((request, response) -> {
				MediaType type = response.getHeaders().getContentType();
				if (MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(type)) {
					throw problem(response.getStatusCode(), response.bodyTo(ProblemDetail.class));
				}
				return ResponseEntity.status(response.getStatusCode())
					.contentType((type != null) ? type : MediaType.APPLICATION_JSON)
					.body(response.bodyTo(String.class));
			});
		}
		catch (ErrorResponseException ex) {
			throw ex;
		}
		catch (ResourceAccessException ex) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
					"The catalogue is unavailable right now; try again shortly.");
		}
	}

	private static ErrorResponseException problem(HttpStatusCode status, ProblemDetail received) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
				(received != null) ? received.getDetail() : null);
		if (received != null && received.getProperties() != null && received.getProperties().get("errors") != null) {
			problem.setProperty("errors", received.getProperties().get("errors"));
		}
		return new ErrorResponseException(status, problem, null);
	}

}
