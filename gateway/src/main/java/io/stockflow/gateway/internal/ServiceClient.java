package io.stockflow.gateway.internal;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.server.ResponseStatusException;

/**
 * Calls an internal service over HTTP (catalog-service for catalogue reads,
 * inventory-service for history, export and the ledger check). Its answer is passed
 * through as it is; its errors become the gateway's own problem with the same status,
 * detail and field errors; when it cannot be reached the answer is 503.
 */
public class ServiceClient {

	private final RestClient http;

	private final String name;

	public ServiceClient(RestClient http, String name) {
		this.http = http;
		this.name = name;
	}

	/**
	 * The service's answer, as it is for success; an error becomes the gateway's own
	 * problem (same status, detail and field errors) so that internal paths stay inside.
	 * @param path the service's path
	 * @param variables its URI variables
	 * @return status and body
	 */
	public ResponseEntity<String> get(String path, Object... variables) {
		return call(HttpMethod.GET, path, variables);
	}

	/**
	 * @param path the service's path
	 * @param variables its URI variables
	 * @return status and body
	 */
	public ResponseEntity<String> post(String path, Object... variables) {
		return call(HttpMethod.POST, path, variables);
	}

	private ResponseEntity<String> call(HttpMethod method, String path, Object... variables) {
		try {
			return this.http.method(method).uri(path, variables).exchange((request, response) -> {
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
					"The " + this.name + " is unavailable right now; try again shortly.");
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
