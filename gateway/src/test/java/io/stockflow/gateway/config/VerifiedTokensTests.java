package io.stockflow.gateway.config;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Verified tokens are remembered by their text until they expire, and nothing else is
 * accepted that the decoder itself would refuse.
 */
class VerifiedTokensTests {

	private static final SecretKeySpec KEY = new SecretKeySpec(
			"0123456789abcdef0123456789abcdef-test".getBytes(StandardCharsets.UTF_8), "HmacSHA256");

	private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

	private final JwtEncoder encoder = NimbusJwtEncoder.withSecretKey(KEY).algorithm(MacAlgorithm.HS256).build();

	private final MovableClock clock = new MovableClock(NOW);

	private final AtomicInteger verifications = new AtomicInteger();

	private final VerifiedTokens tokens = new VerifiedTokens(countingDecoder(), Duration.ofMinutes(15), 100,
			this.clock);

	@Test
	void aTokenSentAgainIsNotVerifiedAgain() {
		String token = token("alice", NOW.plus(Duration.ofMinutes(15)));

		Jwt first = this.tokens.decode(token);
		Jwt second = this.tokens.decode(token);

		assertThat(second).isSameAs(first);
		assertThat(second.getSubject()).isEqualTo("alice");
		assertThat(second.getClaimAsStringList("roles")).containsExactly("CUSTOMER");
		assertThat(this.verifications).hasValue(1);
	}

	@Test
	void aTokenChangedInOneCharacterIsVerifiedAndRefused() {
		String token = token("alice", NOW.plus(Duration.ofMinutes(15)));
		this.tokens.decode(token);
		// a character inside the signature: the last one also holds padding bits
		int inSignature = token.length() - 10;
		char other = (token.charAt(inSignature) == 'A') ? 'B' : 'A';
		String tampered = token.substring(0, inSignature) + other + token.substring(inSignature + 1);

		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> this.tokens.decode(tampered));
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void aRememberedTokenIsVerifiedAgainAndRefusedPastItsExpiry() {
		Instant expiry = NOW.plus(Duration.ofMinutes(15));
		String token = token("alice", expiry);
		this.tokens.decode(token);

		this.clock.now = expiry.plusSeconds(1);

		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> this.tokens.decode(token));
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void aTokenTheDecoderRefusesIsRefusedEveryTime() {
		String expired = token("alice", NOW.minus(Duration.ofMinutes(5)));

		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> this.tokens.decode(expired));
		}
		assertThat(this.verifications).hasValue(2);
	}

	/**
	 * The gateway's decoder, without clock skew and on the test's clock, counting its
	 * calls.
	 */
	private JwtDecoder countingDecoder() {
		NimbusJwtDecoder nimbus = NimbusJwtDecoder.withSecretKey(KEY).macAlgorithm(MacAlgorithm.HS256).build();
		JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ZERO);
		timestamps.setClock(this.clock);
		nimbus.setJwtValidator(timestamps);
		return (token) -> {
			this.verifications.incrementAndGet();
			return nimbus.decode(token);
		};
	}

	private String token(String user, Instant expiresAt) {
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer("stockflow")
			.subject(user)
			.issuedAt(expiresAt.minus(Duration.ofMinutes(15)))
			.expiresAt(expiresAt)
			.claim("roles", List.of("CUSTOMER"))
			.build();
		return this.encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
			.getTokenValue();
	}

	private static final class MovableClock extends Clock {

		private Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
