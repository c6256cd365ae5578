package io.stockflow.health.status;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * {@code stockflow_service_up{service}}: 1 while a service is UP or DEGRADED (it runs), 0
 * while it is DOWN; and {@code stockflow_service_degraded{service}}: 1 while DEGRADED.
 */
@Component
class StatusGauges {

	private final MeterRegistry meters;

	private final Map<String, AtomicInteger> up = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> degraded = new ConcurrentHashMap<>();

	StatusGauges(MeterRegistry meters) {
		this.meters = meters;
	}

	void set(String service, Status status) {
		this.up
			.computeIfAbsent(service, (s) -> gauge("stockflow.service.up", s, "1 while the service runs, 0 while DOWN"))
			.set((status != Status.DOWN) ? 1 : 0);
		this.degraded
			.computeIfAbsent(service, (s) -> gauge("stockflow.service.degraded", s, "1 while the service is DEGRADED"))
			.set((status == Status.DEGRADED) ? 1 : 0);
	}

	private AtomicInteger gauge(String name, String service, String description) {
		AtomicInteger value = new AtomicInteger();
		Gauge.builder(name, value, AtomicInteger::get)
			.description(description)
			.tag("service", service)
			.register(this.meters);
		return value;
	}

}
