package io.stockflow.health.status;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The monitor's memory in its own database: each service's last status and every
 * transition.
 */
@Repository
class StatusRepository {

	private final JdbcClient jdbc;

	StatusRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @return every service's last recorded status
	 */
	List<ServiceHealth> statuses() {
		return this.jdbc.sql("select service, status, instances, checked_at, since, detail from service_status")
			.query((rs, n) -> new ServiceHealth(rs.getString("service"), rs.getString("status"), rs.getInt("instances"),
					List.of(), instant(rs.getTimestamp("checked_at")), instant(rs.getTimestamp("since")),
					rs.getString("detail")))
			.list();
	}

	/**
	 * @param limit at most this many
	 * @return the latest transitions, newest first
	 */
	List<HealthTransition> transitions(int limit) {
		return this.jdbc.sql("""
				select service, from_status, to_status, at, detail from service_transition
				order by at desc, id desc limit ?
				""")
			.param(limit)
			.query((rs, n) -> new HealthTransition(rs.getString("service"), rs.getString("from_status"),
					rs.getString("to_status"), instant(rs.getTimestamp("at")), rs.getString("detail")))
			.list();
	}

	/**
	 * Records a transition and the service's new status (in the caller's transaction).
	 * @param transition the change
	 * @param health the service's status after it
	 */
	void save(HealthTransition transition, ServiceHealth health) {
		this.jdbc.sql("""
				insert into service_transition (service, from_status, to_status, at, detail) values (?, ?, ?, ?, ?)
				""")
			.params(transition.service(), transition.from(), transition.to(), Timestamp.from(transition.at()),
					transition.detail())
			.update();
		this.jdbc.sql("""
				insert into service_status (service, status, since, checked_at, detail, instances)
				values (?, ?, ?, ?, ?, ?)
				on conflict (service) do update set status = excluded.status, since = excluded.since,
				    checked_at = excluded.checked_at, detail = excluded.detail, instances = excluded.instances
				""")
			.params(health.service(), health.status(), Timestamp.from(health.since()),
					Timestamp.from(health.lastCheckedAt()), health.detail(), health.instances())
			.update();
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
