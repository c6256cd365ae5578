package io.stockflow.gateway.command;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code GET /api/admin/commands/{commandId}}: where an admin command stands. */
@RestController
class CommandsController {

	private final AdminCommands commands;

	CommandsController(AdminCommands commands) {
		this.commands = commands;
	}

	@GetMapping("/api/admin/commands/{commandId}")
	CommandStatus command(@PathVariable UUID commandId) {
		return this.commands.find(commandId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No command " + commandId));
	}

}
