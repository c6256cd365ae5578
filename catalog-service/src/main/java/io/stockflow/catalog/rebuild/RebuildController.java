package io.stockflow.catalog.rebuild;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Internal administration of the read model; the gateway exposes it to admins.
 */
@RestController
class RebuildController {

	private final ReadModelRebuild rebuild;

	RebuildController(ReadModelRebuild rebuild) {
		this.rebuild = rebuild;
	}

	@PostMapping("/admin/rebuild")
	RebuildReport rebuild() throws IOException, TimeoutException, InterruptedException {
		return this.rebuild.rebuild();
	}

	@ExceptionHandler(ReadModelRebuild.RebuildInProgressException.class)
	ProblemDetail inProgress(ReadModelRebuild.RebuildInProgressException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
	}

}
