package io.stockflow.gateway.identity;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A new account's name and password, with the rules of API.md; the API and the web form
 * both check them.
 *
 * @param username {@code [A-Za-z0-9_.-]{3,32}}
 * @param password 8 to 128 characters
 */
public record Registration(@NotNull @Pattern(regexp = "[A-Za-z0-9_.-]{3,32}") String username,
		@NotNull @Size(min = 8, max = 128) String password) {
}
