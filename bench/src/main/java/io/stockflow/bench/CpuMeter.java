package io.stockflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of each part of the machine, read before and after a step, so that the bench
 * can say what a decided order cost each of them: every service (its process, from the
 * launcher's pid files), RabbitMQ ({@code beam.smp}), PostgreSQL (every {@code postgres}
 * process, and through the postmaster the backends that exited), Redis, the bench itself
 * (the load generator) and the whole machine ({@code /proc/stat}, idle and I/O wait
 * excluded). Linux only: elsewhere a reading is empty and nothing is reported.
 */
final class CpuMeter {

	/**
	 * The kernel's clock ticks a second ({@code USER_HZ}), 100 on every Linux build of
	 * note.
	 */
	private static final double TICKS_PER_SECOND = 100.0;

	private static final Map<String, String> SHARED = Map.of("beam.smp", "rabbitmq", "erl_child_setup", "rabbitmq",
			"postgres", "postgres", "redis-server", "redis");

	private final Map<String, Path> pidFiles;

	CpuMeter(Map<String, Path> pidFiles) {
		this.pidFiles = pidFiles;
	}

	/**
	 * CPU ticks so far, per part; the key {@code machine} holds the whole machine's busy
	 * ticks.
	 * @return the reading, empty where {@code /proc} cannot be read
	 */
	Map<String, Long> read() {
		Map<String, Long> ticks = new LinkedHashMap<>();
		if (!Files.isReadable(Path.of("/proc/stat"))) {
			return ticks;
		}
		this.pidFiles.forEach((service, pidFile) -> {
			try {
				ticks.put(service, ticks(Files.readString(pidFile).trim(), false));
			}
			catch (IOException | RuntimeException ex) {
				// not running: no figure
			}
		});
		ticks.put("generator", ticks(Long.toString(ProcessHandle.current().pid()), false));
		try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
			processes.filter((p) -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach((p) -> {
				try {
					String part = SHARED.get(Files.readString(p.resolve("comm")).trim());
					if (part != null) {
						// children's times count only for PostgreSQL's exited backends
						ticks.merge(part, ticks(p.getFileName().toString(), part.equals("postgres")), Long::sum);
					}
				}
				catch (IOException | RuntimeException ex) {
					// the process ended meanwhile
				}
			});
			ticks.put("machine", machineBusy(Files.readAllLines(Path.of("/proc/stat")).getFirst()));
		}
		catch (IOException ex) {
			return new LinkedHashMap<>();
		}
		return ticks;
	}

	/**
	 * Milliseconds of CPU a decided order cost each part between two readings.
	 * @param before the reading at the start
	 * @param after the reading at the end
	 * @param orders orders decided in between
	 * @return per part, the whole machine under {@code machine}; empty without readings
	 * or orders
	 */
	static Map<String, Object> perOrder(Map<String, Long> before, Map<String, Long> after, long orders) {
		Map<String, Object> result = new LinkedHashMap<>();
		if (orders <= 0) {
			return result;
		}
		after.forEach((part, ticks) -> {
			Long start = before.get(part);
			if (start != null) {
				result.put(part, Math.round((ticks - start) / TICKS_PER_SECOND * 1000 / orders * 1000) / 1000.0);
			}
		});
		return result;
	}

	/** utime + stime (and, with children, cutime + cstime) of a process, in ticks. */
	static long ticks(String pid, boolean withChildren) {
		try {
			return ticksOf(Files.readString(Path.of("/proc", pid, "stat")), withChildren);
		}
		catch (IOException ex) {
			throw new IllegalStateException("no process " + pid, ex);
		}
	}

	/**
	 * @param stat a {@code /proc/<pid>/stat} line; the command name in parentheses may
	 * hold spaces and parentheses itself
	 */
	static long ticksOf(String stat, boolean withChildren) {
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
		// fields 14-17 of the line (utime, stime, cutime, cstime) are 11-14 after the
		// name
		long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		return withChildren ? ticks + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : ticks;
	}

	/**
	 * The first line of {@code /proc/stat}: user, nice, system, irq and softirq ticks
	 * (not idle, I/O wait or steal; guest time is counted in user already).
	 */
	static long machineBusy(String cpuLine) {
		List<Long> ticks = Stream.of(cpuLine.trim().split("\\s+")).skip(1).map(Long::parseLong).toList();
		return ticks.get(0) + ticks.get(1) + ticks.get(2) + ticks.get(5) + ticks.get(6);
	}

}
