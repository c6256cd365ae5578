package io.stockflow.gateway.web;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import io.stockflow.contracts.Actor;

/** The user signed in to the web pages (session), as the actor of what they cause. */
public final class WebUser {

	private WebUser() {
	}

	/**
	 * @param user the session's authentication
	 * @return the actor: user name and roles without the {@code ROLE_} prefix
	 */
	public static Actor actor(Authentication user) {
		List<String> roles = user.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((a) -> a != null && a.startsWith("ROLE_"))
			.map((a) -> a.substring("ROLE_".length()))
			.toList();
		return new Actor(user.getName(), roles);
	}

}
