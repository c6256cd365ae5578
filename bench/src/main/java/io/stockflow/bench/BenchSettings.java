package io.stockflow.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where the running system is and how hard to push it. The launcher ({@code ./stockflow
 * bench}) fills these from its environment ({@code STOCKFLOW_ENV},
 * {@code STOCKFLOW_PORT_BASE}) and {@code var/secrets.env}; the options of the command
 * line choose the phases and their sizes.
 *
 * @param gatewayUrl the public entry, e.g. {@code http://127.0.0.1:8080}
 * @param inventoryUrl inventory-service's internal address (ledger check)
 * @param adminUsername the admin who imports the bench items
 * @param adminPassword the admin's password
 * @param orders the order-service database (read only: outcomes and their times)
 * @param inventory the inventory-service database (read only: reservations)
 * @param scratch the database server and role pgbench uses for its scratch database
 * @param scratchDatabase the name of pgbench's scratch database
 * @param amqpUri the broker for PerfTest (the environment's vhost, admin user)
 * @param managementUrl the broker's management API (to remove PerfTest's queue)
 * @param managementUser its user
 * @param managementPassword its password
 * @param vhost the environment's vhost
 * @param pidFiles each service's pid file, for its RSS
 * @param home the repository root (wrk scripts, results)
 * @param quick about a minute instead of several
 * @param phases the phases to run (references, reads, orders, hot)
 */
record BenchSettings(String gatewayUrl, String inventoryUrl, String adminUsername, String adminPassword, Db orders,
		Db inventory, Db scratch, String scratchDatabase, String amqpUri, String managementUrl, String managementUser,
		String managementPassword, String vhost, Map<String, Path> pidFiles, Path home, boolean quick,
		List<String> phases) {

	/** Items the reads and the orders use: enough that the reads are not one hot key. */
	int skus() {
		return this.quick ? 1000 : 2000;
	}

	/** Seconds of each measured step. */
	int stepSeconds() {
		return this.quick ? 8 : 15;
	}

	/** How long every measured path runs before anything is measured. */
	int warmUpSeconds() {
		return this.quick ? 40 : 80;
	}

	/** Fixed read rates whose latency is reported. */
	List<Integer> readRates() {
		return this.quick ? List.of(1000, 5000) : List.of(1000, 2500, 5000, 10000);
	}

	/**
	 * Offered order rates, one step each: the first ones low enough that the system keeps
	 * up (their latency is not the queue of an overload), in steps small enough to find
	 * the highest rate it keeps up with.
	 */
	List<Integer> orderRates() {
		return this.quick ? List.of(100, 150, 200, 250, 1000) : List.of(100, 150, 200, 250, 500, 1000, 1500, 2000);
	}

	boolean runs(String phase) {
		return this.phases.contains(phase);
	}

	/**
	 * A PostgreSQL login.
	 *
	 * @param url the JDBC url
	 * @param username the role
	 * @param password its password
	 */
	record Db(String url, String username, String password) {
	}

}
