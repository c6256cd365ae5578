package io.stockflow.gateway.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.beans.TypeMismatchException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

import io.stockflow.gateway.health.HealthMonitorUnavailableException;
import io.stockflow.gateway.ratelimit.TooManyRequestsException;

/**
 * Errors of the web pages as friendly pages (or, for an htmx request, as a toast): the
 * status and a sentence, never a stack trace. Comes before the API's problem+json handler
 * for the page controllers only.
 */
@ControllerAdvice(basePackageClasses = WebErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebErrors {

	private static final Logger log = LoggerFactory.getLogger(WebErrors.class);

	@ExceptionHandler(Exception.class)
	ModelAndView handle(Exception ex, HttpServletRequest request, HttpServletResponse response) {
		if (response.isCommitted()) {
			// a stream (SSE) that timed out or lost its client: nothing more can be
			// written
			return new ModelAndView();
		}
		if (ex instanceof ErrorResponse known) {
			String detail = known.getBody().getDetail();
			return page(known.getStatusCode(), (detail != null) ? detail : known.getBody().getTitle(), request,
					response);
		}
		if (ex instanceof TypeMismatchException || ex instanceof ServletRequestBindingException) {
			return page(HttpStatus.BAD_REQUEST, "Part of the address or form is not valid.", request, response);
		}
		if (ex instanceof HealthMonitorUnavailableException) {
			return page(HttpStatus.SERVICE_UNAVAILABLE,
					"The health monitor is unreachable right now; try again shortly.", request, response);
		}
		if (ex instanceof TooManyRequestsException tooMany) {
			return page(HttpStatus.TOO_MANY_REQUESTS,
					"Too many requests; try again in " + tooMany.retryAfterSeconds() + " s.", request, response);
		}
		log.error("Unexpected error on {}", request.getRequestURI(), ex);
		return page(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side; it has been logged.", request,
				response);
	}

	private static ModelAndView page(HttpStatusCode status, String detail, HttpServletRequest request,
			HttpServletResponse response) {
		boolean htmx = request.getHeader("HX-Request") != null;
		ModelAndView view = new ModelAndView(htmx ? "fragments/toast :: problem" : "error");
		view.setStatus(status);
		view.addObject("status", status.value());
		HttpStatus known = HttpStatus.resolve(status.value());
		view.addObject("error", (known != null) ? known.getReasonPhrase() : "Error");
		view.addObject("detail", detail);
		if (htmx) {
			// a failed action shows up as a toast, wherever its answer was meant to go
			response.setHeader("HX-Retarget", "#toasts");
			response.setHeader("HX-Reswap", "beforeend");
		}
		return view;
	}

}
