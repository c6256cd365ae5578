package io.stockflow.health.status;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.stockflow.health.broker.BrokerView;
import io.stockflow.health.broker.QueueSample;

/**
 * Internal reads for the gateway: every service's status, the latest transitions, and the
 * queue samples for charts. Answered from memory, so they work without the monitor's
 * database or the broker.
 */
@RestController
class StatusController {

	private final ServiceStatusManagement statuses;

	private final BrokerView broker;

	StatusController(ServiceStatusManagement statuses, BrokerView broker) {
		this.statuses = statuses;
		this.broker = broker;
	}

	@GetMapping("/services")
	List<ServiceHealth> services() {
		return this.statuses.services();
	}

	@GetMapping("/events")
	List<HealthTransition> events(@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
		return this.statuses.events(limit);
	}

	@GetMapping("/queues/history")
	List<QueueSample> queueHistory() {
		return this.broker.history();
	}

}
