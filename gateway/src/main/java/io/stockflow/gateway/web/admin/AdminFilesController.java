package io.stockflow.gateway.web.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

import io.stockflow.gateway.command.CommandStatus;
import io.stockflow.gateway.internal.ServiceClient;
import io.stockflow.gateway.inventory.CsvImport;
import io.stockflow.gateway.web.WebUser;

/** CSV import (with its per-row report) and export from the dashboard. */
@Controller
class AdminFilesController {

	private final CsvImport csv;

	private final ServiceClient inventory;

	AdminFilesController(CsvImport csv, ServiceClient inventory) {
		this.csv = csv;
		this.inventory = inventory;
	}

	@PostMapping("/admin/import")
	String importCsv(@RequestParam("file") MultipartFile file, Authentication user, Model model) throws IOException {
		if (file.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Choose a CSV file first.");
		}
		try (InputStream in = file.getInputStream()) {
			CsvImport.Report report = this.csv.importRows(new InputStreamReader(in, StandardCharsets.UTF_8),
					WebUser.actor(user));
			model.addAttribute("report", report);
			if (report.commandId() != null) {
				model.addAttribute("toast",
						new CommandStatus(report.commandId(), "ImportItems", CommandStatus.Status.PENDING, null, null));
			}
			return "admin :: import-report";
		}
	}

	@GetMapping("/admin/export.csv")
	ResponseEntity<String> export() {
		ResponseEntity<String> answer = this.inventory.get("/items/export");
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("stockflow-items.csv").build().toString())
			.body(answer.getBody());
	}

}
