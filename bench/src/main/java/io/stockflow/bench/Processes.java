package io.stockflow.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the reference tools (wrk, pgbench, PerfTest) and hands back what they printed. */
final class Processes {

	private Processes() {
	}

	/**
	 * @param command the command line
	 * @param environment extra environment variables, or null
	 * @param timeoutSeconds after this the tool is killed and the run fails
	 * @return standard output and error together
	 */
	static String run(List<String> command, Map<String, String> environment, int timeoutSeconds) {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		if (environment != null) {
			builder.environment().putAll(environment);
		}
		try {
			Process process = builder.start();
			process.getOutputStream().close();
			byte[][] out = new byte[1][];
			Thread reader = Thread.ofVirtual().start(() -> {
				try {
					out[0] = process.getInputStream().readAllBytes();
				}
				catch (IOException ex) {
					out[0] = new byte[0];
				}
			});
			if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(command.get(0) + " did not finish in " + timeoutSeconds + " s");
			}
			reader.join();
			String text = new String(out[0], StandardCharsets.UTF_8);
			if (process.exitValue() != 0) {
				throw new IllegalStateException(command.get(0) + " exited " + process.exitValue() + ":\n" + text);
			}
			return text;
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot run " + command.get(0) + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

}
