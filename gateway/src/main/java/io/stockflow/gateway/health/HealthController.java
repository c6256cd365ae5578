package io.stockflow.gateway.health;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Health and operations for admins, answered by the health monitor: services and their
 * transitions (also live, as {@code text/event-stream}), and the parked messages with
 * replay and discard. When the monitor cannot be reached the answer is 503.
 */
@RestController
class HealthController {

	/** A parking queue's name: a consumer queue's name and {@code .parked}. */
	static final String PARKING_QUEUE = "[a-z0-9][a-z0-9.-]{0,200}\\.parked";

	static final String MESSAGE_ID = "[A-Za-z0-9._:-]{1,128}";

	private final HealthMonitorClient monitor;

	private final HealthEventStream stream;

	HealthController(HealthMonitorClient monitor, HealthEventStream stream) {
		this.monitor = monitor;
		this.stream = stream;
	}

	@GetMapping("/api/health/services")
	List<ServiceHealth> services() {
		return this.monitor.services();
	}

	@GetMapping(path = "/api/health/events", produces = "application/json")
	List<HealthTransition> events(@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
		return this.monitor.events(limit);
	}

	@GetMapping(path = "/api/health/events", produces = "text/event-stream")
	SseEmitter liveEvents() {
		return this.stream.subscribe();
	}

	@GetMapping("/api/admin/parked")
	List<ParkedQueue> parkedQueues() {
		return this.monitor.parkedQueues();
	}

	@GetMapping("/api/admin/parked/{queue}")
	List<ParkedMessage> parkedMessages(@PathVariable @Pattern(regexp = PARKING_QUEUE) String queue,
			@RequestParam(defaultValue = "20") @Min(1) @Max(200) int limit) {
		return this.monitor.parkedMessages(queue, limit);
	}

	@PostMapping("/api/admin/parked/{queue}/{messageId}/replay")
	ResponseEntity<Void> replay(@PathVariable @Pattern(regexp = PARKING_QUEUE) String queue,
			@PathVariable @Pattern(regexp = MESSAGE_ID) String messageId) {
		this.monitor.replay(queue, messageId);
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/api/admin/parked/{queue}/{messageId}")
	ResponseEntity<Void> discard(@PathVariable @Pattern(regexp = PARKING_QUEUE) String queue,
			@PathVariable @Pattern(regexp = MESSAGE_ID) String messageId) {
		this.monitor.discard(queue, messageId);
		return ResponseEntity.noContent().build();
	}

	@ExceptionHandler(HealthMonitorUnavailableException.class)
	ProblemDetail unavailable(HealthMonitorUnavailableException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The health monitor is unreachable right now; try again shortly.");
	}

}
