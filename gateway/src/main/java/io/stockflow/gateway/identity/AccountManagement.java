package io.stockflow.gateway.identity;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * Registration and role changes. Passwords are hashed here and never kept in plain text.
 */
@Service
public class AccountManagement {

	private final UserAccounts accounts;

	private final PasswordEncoder encoder;

	AccountManagement(UserAccounts accounts, PasswordEncoder encoder) {
		this.accounts = accounts;
		this.encoder = encoder;
	}

	/**
	 * Registers a customer.
	 * @param username a free user name
	 * @param password the password, already checked against the rules
	 * @return the new account, never null
	 * @throws ResponseStatusException 409 if the name is taken
	 */
	@Transactional
	public AccountView register(String username, String password) {
		UserAccounts.Account account = new UserAccounts.Account(UUID.randomUUID(), username,
				this.encoder.encode(password), Role.CUSTOMER);
		if (!this.accounts.create(account)) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "The user name " + username + " is taken.");
		}
		return AccountView.of(account);
	}

	/**
	 * Gives a user a role. Tokens issued before keep their roles until they expire.
	 * @param username the user
	 * @param role the new role
	 * @return the account as it is now
	 * @throws ResponseStatusException 404 if there is no such user
	 */
	@Transactional
	public AccountView changeRole(String username, Role role) {
		if (!this.accounts.changeRole(username, role)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No user " + username);
		}
		return me(username);
	}

	/**
	 * @param username a signed-in user
	 * @return their account
	 */
	public AccountView me(String username) {
		return this.accounts.find(username)
			.map(AccountView::of)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No user " + username));
	}

	/**
	 * An account as the API shows it: never its password hash.
	 *
	 * @param id the id
	 * @param username the user name
	 * @param role the role
	 */
	public record AccountView(UUID id, String username, Role role) {

		static AccountView of(UserAccounts.Account account) {
			return new AccountView(account.id(), account.username(), account.role());
		}

	}

}
