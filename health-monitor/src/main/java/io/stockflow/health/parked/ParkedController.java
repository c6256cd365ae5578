package io.stockflow.health.parked;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Internal API of the parking queues for the gateway's {@code /api/admin/parked/**}:
 * list, inspect, replay, discard.
 */
@RestController
class ParkedController {

	static final String PARKING_QUEUE = "[a-z0-9][a-z0-9.-]{0,200}\\.parked";

	private final ParkedMessages parked;

	ParkedController(ParkedMessages parked) {
		this.parked = parked;
	}

	@GetMapping("/parked")
	List<ParkedQueue> queues() {
		return this.parked.queues();
	}

	@GetMapping("/parked/{queue}")
	List<ParkedMessage> messages(@PathVariable @Pattern(regexp = PARKING_QUEUE) String queue,
			@RequestParam(defaultValue = "20") @Min(1) @Max(200) int limit) {
		return this.parked.peek(queue, limit);
	}

	@PostMapping("/parked/{queue}/messages/{messageId}/replay")
	ResponseEntity<Void> replay(@PathVariable @Pattern(regexp = PARKING_QUEUE) String queue,
			@PathVariable String messageId) {
		this.parked.replay(queue, messageId);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/parked/{queue}/messages/{messageId}/discard")
	ResponseEntity<Void> discard(@PathVariable @Pattern(regexp = PARKING_QUEUE) String queue,
			@PathVariable String messageId) {
		this.parked.discard(queue, messageId);
		return ResponseEntity.noContent().build();
	}

}
