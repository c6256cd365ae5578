package io.stockflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Samples each service's resident memory (VmRSS of its process, from the launcher's pid
 * files) twice a second while the load runs, and keeps the largest value per service.
 */
final class Rss implements AutoCloseable {

	private final Map<String, Path> pidFiles;

	private final Map<String, Long> peakKb = new ConcurrentHashMap<>();

	private final Thread sampler;

	private volatile boolean running = true;

	Rss(Map<String, Path> pidFiles) {
		this.pidFiles = pidFiles;
		this.sampler = Thread.ofPlatform().daemon().name("rss-sampler").start(this::sample);
	}

	private void sample() {
		while (this.running) {
			this.pidFiles.forEach((service, pidFile) -> {
				long kb = rssKb(pidFile);
				if (kb > 0) {
					this.peakKb.merge(service, kb, Math::max);
				}
			});
			try {
				Thread.sleep(500);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private static long rssKb(Path pidFile) {
		try {
			String pid = Files.readString(pidFile).trim();
			for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not running (or not on Linux): no sample
		}
		return 0;
	}

	/** The peak RSS of each service so far, in MiB. */
	Map<String, Object> peakMiB() {
		Map<String, Object> result = new LinkedHashMap<>();
		this.pidFiles.keySet().forEach((s) -> result.put(s, OpenLoop.round(this.peakKb.getOrDefault(s, 0L) / 1024.0)));
		return result;
	}

	@Override
	public void close() {
		this.running = false;
		this.sampler.interrupt();
	}

}
