package io.stockflow.bench;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

class CpuMeterTests {

	@Test
	void readsUserAndSystemTicksOfAProcessWhoseNameHoldsSpacesAndParentheses() {
		String stat = "4242 (odd (name) x) S 1 4242 4242 0 -1 4194560 1200 0 0 0 731 269 55 45 20 0 31 0 1800";

		assertThat(CpuMeter.ticksOf(stat, false)).isEqualTo(731 + 269);
		assertThat(CpuMeter.ticksOf(stat, true)).isEqualTo(731 + 269 + 55 + 45);
	}

	@Test
	void theMachineIsBusyWithUserNiceSystemAndInterruptsNotIdleWaitOrSteal() {
		assertThat(CpuMeter.machineBusy("cpu  1000 10 300 5000 70 4 6 90 1000 0")).isEqualTo(1000 + 10 + 300 + 4 + 6);
	}

	@Test
	void dividesEachPartsTicksByTheOrdersDecided() {
		Map<String, Long> before = Map.of("gateway", 100L, "machine", 1000L, "redis", 7L);
		Map<String, Long> after = Map.of("gateway", 300L, "machine", 2000L, "rabbitmq", 50L, "redis", 7L);

		Map<String, Object> perOrder = CpuMeter.perOrder(before, after, 1000);

		// 100 ticks a second: 200 ticks are 2 s, 2 ms for each of 1,000 orders
		assertThat(perOrder).containsOnly(Map.entry("gateway", 2.0), Map.entry("machine", 10.0),
				Map.entry("redis", 0.0));
		assertThat(CpuMeter.perOrder(before, after, 0)).isEmpty();
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void measuresTheBenchsOwnCpuAndTheMachines() {
		CpuMeter meter = new CpuMeter(Map.of());
		Map<String, Long> before = meter.read();

		long sum = 0;
		long until = System.nanoTime() + 300_000_000L;
		while (System.nanoTime() < until) {
			sum += Long.numberOfTrailingZeros(System.nanoTime());
		}
		Map<String, Long> after = meter.read();

		assertThat(sum).isPositive();
		assertThat(after.get("generator")).isGreaterThan(before.get("generator"));
		assertThat(after.get("machine")).isGreaterThan(before.get("machine"));
	}

}
