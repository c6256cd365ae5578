package io.stockflow.gateway.identity;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.stockflow.gateway.identity.AccountManagement.AccountView;

/** Accounts: register, who am I, and (admins) change a user's role. */
@RestController
class AccountsController {

	private final AccountManagement accounts;

	AccountsController(AccountManagement accounts) {
		this.accounts = accounts;
	}

	@PostMapping("/api/auth/register")
	ResponseEntity<AccountView> register(@Valid @RequestBody Registration registration) {
		AccountView account = this.accounts.register(registration.username(), registration.password());
		return ResponseEntity.created(URI.create("/api/me")).body(account);
	}

	@GetMapping("/api/me")
	AccountView me(@AuthenticationPrincipal Jwt user) {
		return this.accounts.me(user.getSubject());
	}

	@PostMapping("/api/admin/users/{username}/role")
	AccountView changeRole(@PathVariable String username, @Valid @RequestBody RoleChange change) {
		return this.accounts.changeRole(username, change.role());
	}

	/**
	 * @param role the new role
	 */
	record RoleChange(@NotNull Role role) {
	}

}
