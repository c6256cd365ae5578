package io.stockflow.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the bench's settings: the running system from the environment the launcher sets
 * ({@code STOCKFLOW_BENCH_*}), the phases and sizes from the command line.
 */
final class Launch {

	static final List<String> PHASES = List.of("references", "reads", "orders", "hot");

	static final String USAGE = """
			Usage: ./stockflow bench [--quick] [--only references,reads,orders,hot]
			  --quick   about a minute: shorter steps, fewer rates
			  --only    run only these phases (default: all)
			""";

	private Launch() {
	}

	static BenchSettings settings(String[] args) {
		boolean quick = false;
		List<String> phases = PHASES;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--quick" -> quick = true;
				case "--only" -> {
					if (i + 1 >= args.length) {
						fail("--only needs a list of phases");
					}
					phases = Arrays.asList(args[++i].split(","));
					if (!PHASES.containsAll(phases)) {
						fail("unknown phase in " + phases + "; phases: " + PHASES);
					}
				}
				case "-h", "--help" -> {
					System.out.print(USAGE);
					System.exit(0);
				}
				default -> fail("unknown option " + args[i]);
			}
		}
		Map<String, Path> pidFiles = new LinkedHashMap<>();
		for (String service : env("SERVICES").split(" ")) {
			pidFiles.put(service, Path.of(env("PID_DIR"), service + ".pid"));
		}
		return new BenchSettings(env("GATEWAY_URL"), env("INVENTORY_URL"), env("ADMIN_USERNAME"), env("ADMIN_PASSWORD"),
				db("ORDERS"), db("INVENTORY"), db("SCRATCH"), env("SCRATCH_DB"), env("AMQP_URI"), env("MANAGEMENT_URL"),
				env("MANAGEMENT_USER"), env("MANAGEMENT_PASSWORD"), env("VHOST"), pidFiles, Path.of(env("HOME")), quick,
				phases);
	}

	private static BenchSettings.Db db(String name) {
		return new BenchSettings.Db(env(name + "_DB_URL"), env(name + "_DB_USER"), env(name + "_DB_PASSWORD"));
	}

	private static String env(String name) {
		String value = System.getenv("STOCKFLOW_BENCH_" + name);
		if (value == null || value.isBlank()) {
			fail("STOCKFLOW_BENCH_" + name + " is not set: run the bench through ./stockflow bench");
		}
		return value;
	}

	private static void fail(String message) {
		System.err.print("bench: " + message + "\n" + USAGE);
		System.exit(2);
	}

}
