package io.stockflow.gateway.identity;

import java.util.List;

import org.springframework.security.oauth2.jwt.Jwt;

import io.stockflow.contracts.Actor;

/** The signed-in user as the actor of the messages they cause. */
public final class Actors {

	private Actors() {
	}

	/**
	 * @param token the user's verified token
	 * @return the actor: the token's subject and roles
	 */
	public static Actor of(Jwt token) {
		List<String> roles = token.getClaimAsStringList("roles");
		return new Actor(token.getSubject(), (roles != null) ? roles : List.of());
	}

}
