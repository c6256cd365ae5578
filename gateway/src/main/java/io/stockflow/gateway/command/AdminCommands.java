package io.stockflow.gateway.command;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Admin commands the gateway has sent and what became of them. A command is PENDING until
 * its outcome event arrives; it then becomes APPLIED or REJECTED once and for all.
 */
@Repository
public class AdminCommands {

	private final JdbcClient jdbc;

	AdminCommands(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records a command as PENDING, in the transaction that also puts it in the outbox.
	 * @param id the command id (its message id)
	 * @param type the command type
	 * @param sku the item concerned
	 * @param actor who sent it
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void pending(UUID id, String type, String sku, String actor) {
		this.jdbc.sql("insert into admin_command (id, type, sku, status, actor) values (?, ?, ?, 'PENDING', ?)")
			.params(id, type, sku, actor)
			.update();
	}

	/**
	 * Records an outcome; a repeated or late outcome changes nothing.
	 * @param id the command id
	 * @param status APPLIED or REJECTED
	 * @param reason why it was rejected, or null
	 */
	void settle(UUID id, CommandStatus.Status status, String reason) {
		this.jdbc.sql("""
				update admin_command set status = ?, reason = ?, updated_at = now()
				where id = ? and status = 'PENDING'
				""").params(status.name(), reason, id).update();
	}

	/**
	 * @param id the command id
	 * @return where it stands, if it is known
	 */
	public Optional<CommandStatus> find(UUID id) {
		return this.jdbc.sql("select id, type, status, reason, sku from admin_command where id = ?")
			.param(id)
			.query((rs, row) -> new CommandStatus(rs.getObject("id", UUID.class), rs.getString("type"),
					CommandStatus.Status.valueOf(rs.getString("status")), rs.getString("reason"), rs.getString("sku")))
			.optional();
	}

}
