package io.stockflow.gateway;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import io.stockflow.testing.IsolatedInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts, roles, sign-in limits, headers and body limits, against real PostgreSQL and
 * Redis.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "stockflow.gateway.admin.username=boss", "stockflow.gateway.admin.password=boss-password-1",
				"stockflow.gateway.jwt.secret=0123456789abcdef0123456789abcdef-test" })
class IdentityIT {

	static final IsolatedInfrastructure infra = IsolatedInfrastructure.create("gateway-identity");

	static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		infra.register(registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void registersACustomerWhoCanSignInButNotAdminister() {
		ResponseEntity<Map<String, Object>> created = call("POST", "/api/auth/register", null,
				Map.of("username", "alice.k", "password", "alice-secret-1"));

		assertThat(created.getStatusCode().value()).isEqualTo(201);
		assertThat(created.getBody()).containsEntry("username", "alice.k")
			.containsEntry("role", "CUSTOMER")
			.doesNotContainKeys("password", "passwordHash");
		String token = token("alice.k", "alice-secret-1");
		assertThat(call("GET", "/api/me", token, null).getBody()).containsEntry("username", "alice.k");
		assertThat(call("GET", "/api/admin/commands/00000000-0000-0000-0000-000000000000", token, null).getStatusCode()
			.value()).isEqualTo(403);
	}

	@Test
	void aTakenUserNameIsAConflict() {
		call("POST", "/api/auth/register", null, Map.of("username", "bob", "password", "bob-secret-1"));

		ResponseEntity<Map<String, Object>> again = call("POST", "/api/auth/register", null,
				Map.of("username", "bob", "password", "other-secret-2"));

		assertThat(again.getStatusCode().value()).isEqualTo(409);
	}

	@Test
	void registrationRulesNameTheField() {
		ResponseEntity<Map<String, Object>> bad = call("POST", "/api/auth/register", null,
				Map.of("username", "x!", "password", "short"));

		assertThat(bad.getStatusCode().value()).isEqualTo(400);
		List<Object> fields = ((List<?>) bad.getBody().get("errors")).stream()
			.map((e) -> (Object) ((Map<?, ?>) e).get("field"))
			.toList();
		assertThat(fields).containsExactlyInAnyOrder("username", "password");
	}

	@Test
	void passwordsAreStoredOnlyAsHashes() {
		call("POST", "/api/auth/register", null, Map.of("username", "hashed", "password", "plain-text-canary-7"));

		String stored = this.jdbc.sql("select password_hash from app_user where username = 'hashed'")
			.query(String.class)
			.single();

		assertThat(stored).startsWith("{bcrypt}").doesNotContain("plain-text-canary-7");
	}

	@Test
	void anAdminPromotesAUserWhoseNextTokenCarriesTheRole() {
		call("POST", "/api/auth/register", null, Map.of("username", "carol", "password", "carol-secret-1"));
		String admin = token("boss", "boss-password-1");

		ResponseEntity<Map<String, Object>> promoted = call("POST", "/api/admin/users/carol/role", admin,
				Map.of("role", "ADMIN"));

		assertThat(promoted.getBody()).containsEntry("role", "ADMIN");
		String carol = token("carol", "carol-secret-1");
		assertThat(call("GET", "/api/admin/commands/00000000-0000-0000-0000-000000000000", carol, null).getStatusCode()
			.value()).isEqualTo(404);
		assertThat(call("POST", "/api/admin/users/nobody/role", admin, Map.of("role", "ADMIN")).getStatusCode().value())
			.isEqualTo(404);
	}

	@Test
	void theEleventhWrongPasswordWithinAMinuteIsRefusedWithRetryAfter() {
		call("POST", "/api/auth/register", null, Map.of("username", "dave", "password", "dave-secret-1"));
		for (int attempt = 1; attempt <= 10; attempt++) {
			assertThat(login("dave", "wrong-" + attempt).getStatusCode().value()).as("attempt %d", attempt)
				.isEqualTo(401);
		}

		ResponseEntity<Map<String, Object>> eleventh = login("dave", "wrong-11");
		ResponseEntity<Map<String, Object>> evenTheRightOne = login("dave", "dave-secret-1");

		assertThat(eleventh.getStatusCode().value()).isEqualTo(429);
		assertThat(Long.parseLong(eleventh.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1L, 60L);
		assertThat(evenTheRightOne.getStatusCode().value()).isEqualTo(429);
		assertThat(login("boss", "boss-password-1").getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void everyAnswerCarriesTheSecurityHeaders() {
		ResponseEntity<Map<String, Object>> answer = call("GET", "/api/me", null, null);

		HttpHeaders headers = answer.getHeaders();
		assertThat(headers.getFirst("Content-Security-Policy")).contains("frame-ancestors 'none'");
		assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(headers.getFirst("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
		assertThat(headers.getFirst("X-Frame-Options")).isEqualTo("DENY");
	}

	@Test
	void anOversizedBodyIsRefusedWith413() {
		String huge = "x".repeat(2 * 1024 * 1024);

		ResponseEntity<Map<String, Object>> answer = call("POST", "/api/auth/register", null,
				Map.of("username", "big", "password", huge));

		assertThat(answer.getStatusCode().value()).isEqualTo(413);
	}

	@Test
	void theOpenApiDocumentListsThePublicApi() {
		Map<String, Object> docs = client().get().uri("/v3/api-docs").retrieve().body(JSON);

		assertThat((Map<String, Object>) docs.get("paths")).containsKeys("/api/auth/token", "/api/auth/register",
				"/api/me", "/api/items/{sku}", "/api/admin/items", "/api/admin/commands/{commandId}");
	}

	private ResponseEntity<Map<String, Object>> login(String username, String password) {
		return call("POST", "/api/auth/token", null, Map.of("username", username, "password", password));
	}

	private String token(String username, String password) {
		ResponseEntity<Map<String, Object>> response = login(username, password);
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		return (String) response.getBody().get("accessToken");
	}

	private ResponseEntity<Map<String, Object>> call(String method, String path, String token, Object body) {
		RestClient.RequestBodySpec request = client().method(org.springframework.http.HttpMethod.valueOf(method))
			.uri(path)
			.headers((h) -> {
				if (token != null) {
					h.setBearerAuth(token);
				}
			});
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.exchange((req,
				res) -> ResponseEntity.status(res.getStatusCode()).headers(res.getHeaders()).body(res.bodyTo(JSON)));
	}

	private RestClient client() {
		// the JDK client, as a plain client would: with Apache HttpClient on the
		// classpath
		// (the gateway's internal calls) RestClient would pick it, and it re-sends a 429
		// after its Retry-After on its own
		return RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.baseUrl("http://127.0.0.1:" + this.port)
			.build();
	}

}
