package io.stockflow.gateway.config;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Who may call what. The API is stateless with short-lived HS256 JWTs; catalogue reads
 * and sign-in are open; everything under {@code /api/admin/**} needs the ADMIN role;
 * anything else needs a signed-in user. Nothing is open by default.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/** Verified tokens remembered at most: the users active within a token's lifetime. */
	private static final long VERIFIED_TOKENS = 4096;

	/** The API: stateless bearer tokens, problem+json for 401/403. */
	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, JsonMapper json) throws Exception {
		ProblemResponses problems = new ProblemResponses(json);
		http.securityMatcher("/api/**", "/actuator/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
			.authorizeHttpRequests(
					(requests) -> requests.requestMatchers(HttpMethod.POST, "/api/auth/token", "/api/auth/register")
						.permitAll()
						.requestMatchers(HttpMethod.GET, "/api/items", "/api/items/*", "/api/brands")
						.permitAll()
						.requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus")
						.permitAll()
						.requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
						.permitAll()
						.requestMatchers("/api/admin/**", "/api/health/**")
						.hasRole("ADMIN")
						.anyRequest()
						.authenticated())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.headers(SecurityConfiguration::securityHeaders)
			.oauth2ResourceServer(
					(resourceServer) -> resourceServer.jwt((jwt) -> jwt.jwtAuthenticationConverter(rolesFromClaim()))
						.authenticationEntryPoint(problems)
						.accessDeniedHandler(problems))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
		return http.build();
	}

	/**
	 * The web pages: a session kept in Redis (any gateway instance serves it), form
	 * sign-in, CSRF tokens on every form, logout.
	 */
	@Bean
	@Order(2)
	SecurityFilterChain web(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/login", "/register", "/css/**", "/js/**", "/images/**", "/webjars/**", "/favicon.ico",
					"/error")
			.permitAll()
			.requestMatchers("/admin/**")
			.hasRole("ADMIN")
			.anyRequest()
			.authenticated())
			.formLogin((form) -> form.loginPage("/login").defaultSuccessUrl("/", false))
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout").deleteCookies("STOCKFLOW_SESSION"))
			.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(
					SecurityConfiguration::signInAgain, (request) -> request.getHeader("HX-Request") != null))
			.headers(SecurityConfiguration::securityHeaders);
		return http.build();
	}

	/**
	 * A page's script call (htmx) whose session has expired: the browser goes to the
	 * sign-in page as a whole instead of drawing it into a part of the page.
	 */
	private static void signInAgain(jakarta.servlet.http.HttpServletRequest request,
			jakarta.servlet.http.HttpServletResponse response,
			org.springframework.security.core.AuthenticationException ex) {
		response.setHeader("HX-Redirect", request.getContextPath() + "/login");
		response.setStatus(jakarta.servlet.http.HttpServletResponse.SC_UNAUTHORIZED);
	}

	/** Caps request bodies before anything reads them. */
	@Bean
	FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter() {
		FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	private static void securityHeaders(HeadersConfigurer<HttpSecurity> headers) {
		headers.contentSecurityPolicy((csp) -> csp.policyDirectives(SecurityHeaders.CONTENT_SECURITY_POLICY))
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
			.frameOptions((frames) -> frames.deny())
			.contentTypeOptions(Customizer.withDefaults());
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	/** Checks user name and password; an unknown user costs the same hashing time. */
	@Bean
	AuthenticationManager authenticationManager(UserDetailsService users, PasswordEncoder encoder) {
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
		provider.setPasswordEncoder(encoder);
		return new ProviderManager(provider);
	}

	@Bean
	JwtEncoder jwtEncoder(GatewaySettings settings) {
		return NimbusJwtEncoder.withSecretKey(key(settings)).algorithm(MacAlgorithm.HS256).build();
	}

	@Bean
	JwtDecoder jwtDecoder(GatewaySettings settings) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key(settings))
			.macAlgorithm(MacAlgorithm.HS256)
			.build();
		// our issuer is a plain name: the default converter tries it as a URL first and
		// throws and catches an exception on every request before keeping the string
		decoder.setClaimSetConverter(
				MappedJwtClaimSetConverter.withDefaults(Map.of(JwtClaimNames.ISS, (issuer) -> issuer)));
		return new VerifiedTokens(decoder, settings.jwt().ttl(), VERIFIED_TOKENS, Clock.systemUTC());
	}

	private static JwtAuthenticationConverter rolesFromClaim() {
		JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
		authorities.setAuthoritiesClaimName("roles");
		authorities.setAuthorityPrefix("ROLE_");
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(authorities);
		return converter;
	}

	private static SecretKey key(GatewaySettings settings) {
		String secret = settings.jwt().secret();
		if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < 32) {
			throw new IllegalStateException(
					"stockflow.gateway.jwt.secret (STOCKFLOW_JWT_SECRET) must be set to at least 32 bytes");
		}
		return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
	}

}
