package io.stockflow.gateway.config;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The security headers of every answer, in one place: Spring Security writes them on its
 * chains, and {@link #writeTo} writes the same set where an answer is sent before those
 * chains (the cached item reads).
 */
public final class SecurityHeaders {

	/** Nothing from other origins, no framing, no inline script or style. */
	public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data: https:; "
			+ "style-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; "
			+ "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

	private SecurityHeaders() {
	}

	/**
	 * Writes the headers Spring Security's defaults and {@link SecurityConfiguration}
	 * add.
	 * @param request the request (HSTS only over HTTPS, as Spring Security does)
	 * @param response the answer
	 */
	public static void writeTo(HttpServletRequest request, HttpServletResponse response) {
		if (request.isSecure()) {
			response.setHeader("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");
		}
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-XSS-Protection", "0");
		response.setHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
		response.setHeader("Pragma", "no-cache");
		response.setHeader("Expires", "0");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
	}

}
