package io.stockflow.gateway.web.health;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.stockflow.gateway.health.QueueSample;

import static org.assertj.core.api.Assertions.assertThat;

class SparklineTests {

	@Test
	void drawsOneChartPerQueueScaledToItsHighestValue() {
		Instant t = Instant.parse("2026-11-25T10:00:00Z");
		List<QueueSample> samples = List.of(new QueueSample("b", t, 1, 0, 0, 0),
				new QueueSample("a", t.plusSeconds(10), 10, 0, 4, 2), new QueueSample("a", t, 0, 0, 0, 0),
				new QueueSample("a", t.plusSeconds(20), 3, 2, 2, 4));

		List<Sparkline> charts = Sparkline.of(samples);

		assertThat(charts).extracting(Sparkline::queue).containsExactly("a", "b");
		Sparkline a = charts.get(0);
		assertThat(a.depth()).isEqualTo("0.0,30.0 60.0,2.0 120.0,16.0");
		assertThat(a.publish()).isEqualTo("0.0,30.0 60.0,2.0 120.0,16.0");
		assertThat(a.lastDepth()).isEqualTo(5);
		assertThat(a.maxDepth()).isEqualTo(10);
		assertThat(a.lastDeliver()).isEqualTo("4.0");
	}

	@Test
	void aQueueWithoutTrafficIsAFlatLineAtTheBottom() {
		Sparkline chart = Sparkline.of(List.of(new QueueSample("q", Instant.EPOCH, 0, 0, 0, 0))).get(0);

		assertThat(chart.depth()).isEqualTo("120.0,30.0");
		assertThat(chart.maxDepth()).isZero();
	}

}
