package io.stockflow.gateway.identity;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import io.stockflow.gateway.config.GatewaySettings;

/**
 * Makes sure the admin named in configuration exists with the configured password. There
 * is no built-in default: without configuration no admin is created.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

	private final UserAccounts accounts;

	private final PasswordEncoder encoder;

	private final GatewaySettings.Admin admin;

	AdminBootstrap(UserAccounts accounts, PasswordEncoder encoder, GatewaySettings settings) {
		this.accounts = accounts;
		this.encoder = encoder;
		this.admin = settings.admin();
	}

	@Override
	public void run(ApplicationArguments args) {
		if (isBlank(this.admin.username()) || isBlank(this.admin.password())) {
			log.warn("No bootstrap admin configured (STOCKFLOW_ADMIN_USERNAME / STOCKFLOW_ADMIN_PASSWORD)");
			return;
		}
		this.accounts.find(this.admin.username()).ifPresentOrElse((existing) -> {
			if (!this.encoder.matches(this.admin.password(), existing.passwordHash())) {
				this.accounts.changePassword(existing.username(), this.encoder.encode(this.admin.password()));
				log.info("Bootstrap admin {}: password updated from configuration", existing.username());
			}
			if (existing.role() != Role.ADMIN) {
				this.accounts.changeRole(existing.username(), Role.ADMIN);
				log.warn("Bootstrap admin {}: role was {}, restored to ADMIN", existing.username(), existing.role());
			}
		}, () -> {
			this.accounts.create(new UserAccounts.Account(UUID.randomUUID(), this.admin.username(),
					this.encoder.encode(this.admin.password()), Role.ADMIN));
			log.info("Bootstrap admin {} created", this.admin.username());
		});
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}
