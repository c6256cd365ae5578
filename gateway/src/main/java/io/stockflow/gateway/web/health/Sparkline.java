package io.stockflow.gateway.web.health;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.stockflow.gateway.health.QueueSample;

/**
 * A queue's recent depth and message rates as the points of small inline SVG charts,
 * drawn on the server (no chart library, nothing to download).
 *
 * @param queue the queue
 * @param depth polyline points of ready + unacked
 * @param publish polyline points of the publish rate
 * @param deliver polyline points of the deliver rate
 * @param lastDepth the latest depth
 * @param maxDepth the highest depth in the window
 * @param lastPublish the latest publish rate (messages/s)
 * @param lastDeliver the latest deliver rate (messages/s)
 */
public record Sparkline(String queue, String depth, String publish, String deliver, long lastDepth, long maxDepth,
		String lastPublish, String lastDeliver) {

	/** Width of the chart's view box. */
	static final int WIDTH = 120;

	/** Height of the chart's view box. */
	static final int HEIGHT = 32;

	/**
	 * @param samples samples of any queues, in any order
	 * @return one chart per queue, by queue name
	 */
	static List<Sparkline> of(List<QueueSample> samples) {
		Map<String, List<QueueSample>> byQueue = new LinkedHashMap<>();
		samples.stream()
			.sorted(Comparator.comparing(QueueSample::queue).thenComparing(QueueSample::at))
			.forEach((s) -> byQueue.computeIfAbsent(s.queue(), (q) -> new java.util.ArrayList<>()).add(s));
		return byQueue.entrySet().stream().map((e) -> of(e.getKey(), e.getValue())).toList();
	}

	private static Sparkline of(String queue, List<QueueSample> samples) {
		QueueSample last = samples.getLast();
		long maxDepth = samples.stream().mapToLong((s) -> s.ready() + s.unacked()).max().orElse(0);
		double maxRate = samples.stream()
			.mapToDouble((s) -> Math.max(s.publishRate(), s.deliverRate()))
			.max()
			.orElse(0);
		return new Sparkline(queue, points(samples, (s) -> s.ready() + s.unacked(), maxDepth),
				points(samples, QueueSample::publishRate, maxRate), points(samples, QueueSample::deliverRate, maxRate),
				last.ready() + last.unacked(), maxDepth, rate(last.publishRate()), rate(last.deliverRate()));
	}

	private static String points(List<QueueSample> samples, ToDoubleFunction<QueueSample> value, double max) {
		StringBuilder points = new StringBuilder();
		int n = samples.size();
		for (int i = 0; i < n; i++) {
			double x = (n == 1) ? WIDTH : (double) i * WIDTH / (n - 1);
			double y = HEIGHT - 2 - ((max > 0) ? value.applyAsDouble(samples.get(i)) / max * (HEIGHT - 4) : 0);
			points.append((i > 0) ? " " : "").append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
		}
		return points.toString();
	}

	private static String rate(double perSecond) {
		return String.format(Locale.ROOT, "%.1f", perSecond);
	}

}
