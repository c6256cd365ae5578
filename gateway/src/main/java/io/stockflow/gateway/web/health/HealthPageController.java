package io.stockflow.gateway.web.health;

import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Pattern;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.stockflow.gateway.health.HealthEventStream;
import io.stockflow.gateway.health.HealthMonitorClient;
import io.stockflow.gateway.health.HealthMonitorUnavailableException;

/**
 * The health page: every service with its consumers per queue, the transitions, small
 * charts of queue depth and rates, and the parked messages (inspect, replay, discard).
 * Each part is drawn again on its own (htmx); transitions arrive live over SSE. When the
 * health monitor cannot be reached the page says so instead of failing.
 */
@Controller
class HealthPageController {

	private static final String PARKING_QUEUE = "[a-z0-9][a-z0-9.-]{0,200}\\.parked";

	private static final String MESSAGE_ID = "[A-Za-z0-9._:-]{1,128}";

	private final HealthMonitorClient monitor;

	private final HealthEventStream stream;

	HealthPageController(HealthMonitorClient monitor, HealthEventStream stream) {
		this.monitor = monitor;
		this.stream = stream;
	}

	@GetMapping("/admin/health")
	String page(Model model) {
		services(model);
		timeline(model);
		charts(model);
		parked(model);
		return "health";
	}

	@GetMapping("/admin/health/services")
	String services(Model model) {
		model.addAttribute("services", read(() -> this.monitor.services(), model));
		return "health :: services";
	}

	@GetMapping("/admin/health/timeline")
	String timeline(Model model) {
		model.addAttribute("transitions", read(() -> this.monitor.events(30), model));
		return "health :: timeline";
	}

	@GetMapping("/admin/health/charts")
	String charts(Model model) {
		model.addAttribute("charts", Sparkline.of(read(() -> this.monitor.queueHistory(), model)));
		return "health :: charts";
	}

	@GetMapping("/admin/health/parked")
	String parked(Model model) {
		model.addAttribute("parkedQueues", read(() -> this.monitor.parkedQueues(), model));
		return "health :: parked";
	}

	@GetMapping("/admin/health/parked/{queue}")
	String parkedMessages(@PathVariable @Pattern(regexp = PARKING_QUEUE) String queue, Model model) {
		model.addAttribute("queue", queue);
		model.addAttribute("messages", this.monitor.parkedMessages(queue, 50));
		return "health :: messages";
	}

	@PostMapping("/admin/health/parked/{queue}/{messageId}/replay")
	String replay(@PathVariable @Pattern(regexp = PARKING_QUEUE) String queue,
			@PathVariable @Pattern(regexp = MESSAGE_ID) String messageId, Model model, HttpServletResponse response) {
		this.monitor.replay(queue, messageId);
		return done("Message " + messageId + " went back to its queue.", model, response);
	}

	@PostMapping("/admin/health/parked/{queue}/{messageId}/discard")
	String discard(@PathVariable @Pattern(regexp = PARKING_QUEUE) String queue,
			@PathVariable @Pattern(regexp = MESSAGE_ID) String messageId, Model model, HttpServletResponse response) {
		this.monitor.discard(queue, messageId);
		return done("Message " + messageId + " was discarded.", model, response);
	}

	/**
	 * Transitions ({@code transition}) and the monitor's reachability ({@code monitor}),
	 * live.
	 */
	@GetMapping(path = "/admin/health/stream", produces = "text/event-stream")
	SseEmitter stream() {
		return this.stream.subscribe();
	}

	private static String done(String message, Model model, HttpServletResponse response) {
		response.setHeader("HX-Trigger", "stockflow:parked");
		model.addAttribute("message", message);
		return "fragments/toast :: done";
	}

	/**
	 * A part of the page whose data the monitor could not give is drawn empty and
	 * flagged.
	 */
	private static <T> List<T> read(java.util.function.Supplier<List<T>> read, Model model) {
		try {
			return read.get();
		}
		catch (HealthMonitorUnavailableException ex) {
			model.addAttribute("monitorDown", true);
			return List.of();
		}
	}

}
