package io.stockflow.messaging;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

/**
 * The backbone's own tables (outbox, inbox), migrated with their own Flyway history table
 * so that they evolve independently of each service's schema: a new backbone migration is
 * never "out of order" against a service's migrations.
 */
public class MessagingSchema {

	static final String HISTORY_TABLE = "messaging_schema_history";

	MessagingSchema(DataSource dataSource) {
		Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/messaging")
			.table(HISTORY_TABLE)
			.baselineOnMigrate(true)
			.baselineVersion("0")
			.load()
			.migrate();
	}

}
