package io.stockflow.gateway.identity;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Repository;

/**
 * Accounts in the gateway's own database; passwords are stored as encoder hashes only.
 */
@Repository
class UserAccounts implements UserDetailsService {

	private final JdbcClient jdbc;

	UserAccounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		return find(username)
			.map((a) -> User.withUsername(a.username()).password(a.passwordHash()).roles(a.role().name()).build())
			.orElseThrow(() -> new UsernameNotFoundException("no such user"));
	}

	Optional<Account> find(String username) {
		return this.jdbc.sql("select id, username, password_hash, role from app_user where username = ?")
			.param(username)
			.query((rs, row) -> new Account(rs.getObject("id", UUID.class), rs.getString("username"),
					rs.getString("password_hash"), Role.valueOf(rs.getString("role"))))
			.optional();
	}

	/**
	 * Creates an account unless the name is taken.
	 * @param account the account
	 * @return false if the user name is taken
	 */
	boolean create(Account account) {
		return this.jdbc.sql("""
				insert into app_user (id, username, password_hash, role) values (?, ?, ?, ?)
				on conflict (username) do nothing
				""")
			.params(account.id(), account.username(), account.passwordHash(), account.role().name())
			.update() == 1;
	}

	boolean changeRole(String username, Role role) {
		return this.jdbc.sql("update app_user set role = ? where username = ?")
			.params(role.name(), username)
			.update() == 1;
	}

	void changePassword(String username, String passwordHash) {
		this.jdbc.sql("update app_user set password_hash = ? where username = ?")
			.params(passwordHash, username)
			.update();
	}

	/**
	 * @param id the account id
	 * @param username the unique user name
	 * @param passwordHash the password encoder's hash
	 * @param role the role
	 */
	record Account(UUID id, String username, String passwordHash, Role role) {
	}

}
