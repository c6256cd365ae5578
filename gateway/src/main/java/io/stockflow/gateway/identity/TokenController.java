package io.stockflow.gateway.identity;

import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.stockflow.gateway.config.GatewaySettings;
import io.stockflow.gateway.ratelimit.RateLimits;

/**
 * {@code POST /api/auth/token}: user name and password in, a short-lived bearer token
 * out.
 */
@RestController
class TokenController {

	private final AuthenticationManager authentication;

	private final JwtEncoder jwt;

	private final GatewaySettings.Jwt settings;

	private final RateLimits limits;

	TokenController(AuthenticationManager authentication, JwtEncoder jwt, GatewaySettings settings, RateLimits limits) {
		this.authentication = authentication;
		this.jwt = jwt;
		this.settings = settings.jwt();
		this.limits = limits;
	}

	/**
	 * Issues a token. Repeated wrong passwords for one user name, or too many attempts
	 * from one address, get 429 with {@code Retry-After} before the password is even
	 * checked.
	 */
	@PostMapping("/api/auth/token")
	TokenResponse token(@Valid @RequestBody Credentials credentials, HttpServletRequest request) {
		this.limits.consume(RateLimits.Limit.LOGIN_ATTEMPTS_PER_IP, request.getRemoteAddr());
		this.limits.requireAvailable(RateLimits.Limit.LOGIN_FAILURES_PER_USER, credentials.username());
		Authentication user = authenticate(credentials);
		Instant now = Instant.now();
		List<String> roles = user.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((a) -> a.startsWith("ROLE_"))
			.map((a) -> a.substring("ROLE_".length()))
			.toList();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer("stockflow")
			.subject(user.getName())
			.issuedAt(now)
			.expiresAt(now.plus(this.settings.ttl()))
			.claim("roles", roles)
			.build();
		JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
		String token = this.jwt.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
		return new TokenResponse(token, "Bearer", this.settings.ttl().toSeconds());
	}

	private Authentication authenticate(Credentials credentials) {
		try {
			return this.authentication.authenticate(UsernamePasswordAuthenticationToken
				.unauthenticated(credentials.username(), credentials.password()));
		}
		catch (AuthenticationException ex) {
			this.limits.record(RateLimits.Limit.LOGIN_FAILURES_PER_USER, credentials.username());
			throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "Wrong user name or password.");
		}
	}

	/**
	 * @param username the user name
	 * @param password the password
	 */
	record Credentials(@NotBlank @Size(max = 32) String username, @NotBlank @Size(max = 128) String password) {
	}

	/**
	 * @param accessToken the JWT
	 * @param tokenType always {@code Bearer}
	 * @param expiresIn seconds until it expires
	 */
	record TokenResponse(String accessToken, String tokenType, long expiresIn) {
	}

}
