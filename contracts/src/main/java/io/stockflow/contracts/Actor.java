package io.stockflow.contracts;

import java.util.List;

/**
 * Who caused a message: the signed-in user and their roles, or a service acting on its
 * own.
 *
 * @param username the user name, never null
 * @param roles the user's roles without prefix, such as {@code ADMIN}; never null
 */
public record Actor(String username, List<String> roles) {

	public Actor {
		roles = List.copyOf(roles);
	}

	/**
	 * A service acting on its own behalf, such as inventory-service emitting events.
	 * @param service the service name
	 * @return an actor with the role {@code SERVICE}
	 */
	public static Actor service(String service) {
		return new Actor(service, List.of("SERVICE"));
	}

	public boolean hasRole(String role) {
		return this.roles.contains(role);
	}

}
