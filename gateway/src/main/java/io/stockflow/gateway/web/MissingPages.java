package io.stockflow.gateway.web;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * An address nothing answers: the API keeps its problem+json 404; a page address gets the
 * friendly error page (the container's error dispatch renders {@code error.html}).
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class MissingPages {

	@ExceptionHandler(NoResourceFoundException.class)
	ResponseEntity<ProblemDetail> missing(NoResourceFoundException ex, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
			ProblemDetail problem = ex.getBody();
			if (problem.getInstance() == null) {
				problem.setInstance(URI.create(request.getRequestURI()));
			}
			return ResponseEntity.status(ex.getStatusCode()).body(problem);
		}
		response.sendError(HttpServletResponse.SC_NOT_FOUND);
		return null;
	}

}
