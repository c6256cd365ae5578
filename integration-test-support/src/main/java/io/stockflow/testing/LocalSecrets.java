package io.stockflow.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The credentials {@code ./stockflow infra} generated, from {@code var/secrets.env} at
 * the repository root: plain {@code KEY=value} lines.
 */
public final class LocalSecrets {

	private LocalSecrets() {
	}

	/**
	 * @return the keys and values, empty if the file does not exist
	 */
	public static Map<String, String> read() {
		Path file = repositoryRoot().resolve("var/secrets.env");
		Map<String, String> secrets = new HashMap<>();
		if (!Files.exists(file)) {
			return secrets;
		}
		try {
			for (String line : Files.readAllLines(file)) {
				int eq = line.indexOf('=');
				if (!line.startsWith("#") && eq > 0) {
					secrets.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + file, ex);
		}
		return secrets;
	}

	/**
	 * @return the nearest directory above the working directory that holds
	 * {@code ./stockflow}
	 */
	public static Path repositoryRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.exists(dir.resolve("stockflow"))) {
			dir = dir.getParent();
		}
		if (dir == null) {
			throw new IllegalStateException("./stockflow not found above " + Path.of("").toAbsolutePath());
		}
		return dir;
	}

}
