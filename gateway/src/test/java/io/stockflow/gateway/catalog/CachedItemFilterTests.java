package io.stockflow.gateway.catalog;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which requests the cached-item filter answers itself, and which it passes down the
 * chain (security, then Spring MVC).
 */
class CachedItemFilterTests {

	private static final String JSON = "{\"sku\":\"SKU-1\"}";

	private final CachedItemFilter filter = new CachedItemFilter(
			Map.of("SKU-1", JSON.getBytes(StandardCharsets.UTF_8))::get);

	@Test
	void answersAnAnonymousReadOfACachedItemWithTheSecurityHeaders() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();

		boolean passedOn = run(get("/api/items/SKU-1"), response);

		assertThat(passedOn).isFalse();
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString()).isEqualTo(JSON);
		assertThat(response.getContentType()).startsWith("application/json");
		assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
		assertThat(response.getHeader("Content-Security-Policy")).contains("frame-ancestors 'none'");
		assertThat(response.getHeader("Strict-Transport-Security")).isNull();
	}

	@Test
	void addsHstsOverHttpsAsSpringSecurityDoes() throws Exception {
		MockHttpServletRequest request = get("/api/items/SKU-1");
		request.setSecure(true);
		MockHttpServletResponse response = new MockHttpServletResponse();

		run(request, response);

		assertThat(response.getHeader("Strict-Transport-Security")).startsWith("max-age=");
	}

	@Test
	void passesOnCredentialsMissesOtherMethodsAndOddPaths() throws Exception {
		MockHttpServletRequest withToken = get("/api/items/SKU-1");
		withToken.addHeader("Authorization", "Bearer not-a-token");
		MockHttpServletRequest post = get("/api/items/SKU-1");
		post.setMethod("POST");

		assertThat(run(withToken, new MockHttpServletResponse())).isTrue();
		assertThat(run(post, new MockHttpServletResponse())).isTrue();
		assertThat(run(get("/api/items/SKU-2"), new MockHttpServletResponse())).isTrue();
		assertThat(run(get("/api/items/SKU-1/history"), new MockHttpServletResponse())).isTrue();
		assertThat(run(get("/api/items/SKU%2D1"), new MockHttpServletResponse())).isTrue();
		assertThat(run(get("/api/items"), new MockHttpServletResponse())).isTrue();
	}

	private boolean run(MockHttpServletRequest request, MockHttpServletResponse response) throws Exception {
		AtomicBoolean passedOn = new AtomicBoolean();
		FilterChain chain = (req, res) -> passedOn.set(true);
		this.filter.doFilter(request, response, chain);
		return passedOn.get();
	}

	private static MockHttpServletRequest get(String uri) {
		return new MockHttpServletRequest("GET", uri);
	}

}
