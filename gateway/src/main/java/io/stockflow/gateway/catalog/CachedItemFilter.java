package io.stockflow.gateway.catalog;

import java.io.IOException;
import java.util.function.Function;
import java.util.regex.Pattern;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.ServerHttpObservationFilter;

import io.stockflow.gateway.config.SecurityHeaders;

/**
 * Answers an anonymous {@code GET /api/items/{sku}} that the near cache can serve before
 * Spring Security and Spring MVC see it: the item read is open to anyone, and its answer
 * is the cached JSON with the same headers the full path writes. A request with
 * credentials (an invalid token must still get its 401), a miss, an odd path or any other
 * method goes on down the chain unchanged. The request is still measured (it runs after
 * the observation filter, and is tagged with the route it stands for).
 */
class CachedItemFilter implements Filter {

	static final String ROUTE = "/api/items/{sku}";

	private static final String PREFIX = "/api/items/";

	private static final Pattern SKU = Pattern.compile("[A-Za-z0-9-]{1,64}");

	private final Function<String, byte[]> cachedJson;

	/**
	 * @param cachedJson an item's cached JSON in UTF-8 by sku, {@code null} on a miss
	 */
	CachedItemFilter(Function<String, byte[]> cachedJson) {
		this.cachedJson = cachedJson;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse answer) {
			byte[] body = cachedAnswer(http);
			if (body != null) {
				ServerHttpObservationFilter.findObservationContext(http)
					.ifPresent((context) -> context.setPathPattern(ROUTE));
				answer.setStatus(HttpServletResponse.SC_OK);
				SecurityHeaders.writeTo(http, answer);
				answer.setContentType(MediaType.APPLICATION_JSON_VALUE);
				answer.setContentLength(body.length);
				answer.getOutputStream().write(body);
				return;
			}
		}
		chain.doFilter(request, response);
	}

	private byte[] cachedAnswer(HttpServletRequest request) {
		if (!"GET".equals(request.getMethod()) || request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
			return null;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!path.startsWith(PREFIX)) {
			return null;
		}
		String sku = path.substring(PREFIX.length());
		return SKU.matcher(sku).matches() ? this.cachedJson.apply(sku) : null;
	}

}
