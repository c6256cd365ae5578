package io.stockflow.gateway.inventory;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import io.stockflow.contracts.Actor;
import io.stockflow.contracts.inventory.ImportedItem;
import io.stockflow.contracts.inventory.StockLevel;

/**
 * Reads an import CSV (header
 * {@code sku,brand,model,description,price,location,quantity}, one row per sku and
 * location), checks every row against the field rules, and sends the good rows as one
 * {@code ImportItems} command. Bad rows are reported with their line number and reasons
 * and do not stop the good ones.
 */
@Component
public class CsvImport {

	static final List<String> COLUMNS = List.of("sku", "brand", "model", "description", "price", "location",
			"quantity");

	static final int MAX_ROWS = 100_000;

	private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
		.setHeader()
		.setSkipHeaderRecord(true)
		.setIgnoreEmptyLines(true)
		.setTrim(true)
		.get();

	private final ItemCommands commands;

	CsvImport(ItemCommands commands) {
		this.commands = commands;
	}

	/**
	 * @param csv the CSV text
	 * @param actor the admin importing
	 * @return what was sent and what was rejected, by line
	 */
	public Report importRows(Reader csv, Actor actor) {
		Map<String, ItemRows> items = new LinkedHashMap<>();
		List<Rejected> rejected = new ArrayList<>();
		int rows = 0;
		try (CSVParser parser = FORMAT.parse(csv)) {
			requireColumns(parser.getHeaderNames());
			try {
				for (CSVRecord record : parser) {
					rows++;
					if (rows > MAX_ROWS) {
						throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
								"An import takes at most " + MAX_ROWS + " rows.");
					}
					read(record, parser.getCurrentLineNumber(), items, rejected);
				}
			}
			catch (UncheckedIOException ex) {
				rejected.add(new Rejected(parser.getCurrentLineNumber() + 1, null, List
					.of("malformed CSV (" + ex.getCause().getMessage() + "); this and later lines were not read")));
			}
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Unreadable CSV: " + ex.getMessage());
		}
		return send(items, rejected, rows, actor);
	}

	private Report send(Map<String, ItemRows> items, List<Rejected> rejected, int rows, Actor actor) {
		if (items.isEmpty()) {
			return new Report(null, null, rows, 0, 0, rejected);
		}
		List<ImportedItem> imported = items.values().stream().map(ItemRows::toImportedItem).toList();
		UUID commandId = this.commands.importItems(imported, actor);
		int accepted = items.values().stream().mapToInt(ItemRows::rows).sum();
		return new Report(commandId, "/api/admin/commands/" + commandId, rows, accepted, items.size(), rejected);
	}

	private static void requireColumns(List<String> header) {
		Set<String> missing = new HashSet<>(COLUMNS);
		header.forEach(missing::remove);
		if (!missing.isEmpty() || header.size() != COLUMNS.size()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"The header row must name exactly the columns " + String.join(",", COLUMNS) + ".");
		}
	}

	private static void read(CSVRecord record, long line, Map<String, ItemRows> items, List<Rejected> rejected) {
		if (!record.isConsistent()) {
			rejected.add(new Rejected(line, null,
					List.of("expected " + COLUMNS.size() + " columns, found " + record.size())));
			return;
		}
		CsvRow row = CsvRow.of(record);
		List<String> errors = row.errors();
		ItemRows existing = items.get(row.sku());
		if (errors.isEmpty() && existing != null) {
			errors.addAll(existing.conflicts(row));
		}
		if (!errors.isEmpty()) {
			rejected.add(new Rejected(line, row.sku(), errors));
			return;
		}
		items.computeIfAbsent(row.sku(), (sku) -> new ItemRows(row, line)).add(row);
	}

	/**
	 * The answer to an import.
	 *
	 * @param commandId the command carrying the good rows, or null if there were none
	 * @param statusUrl where its outcome can be read
	 * @param rows data rows read
	 * @param accepted rows sent
	 * @param items distinct items sent
	 * @param rejected rows not sent, with why
	 */
	public record Report(UUID commandId, String statusUrl, int rows, int accepted, int items, List<Rejected> rejected) {
	}

	/**
	 * @param line the line of the CSV file (the header is line 1)
	 * @param sku the row's sku, if it could be read
	 * @param errors what is wrong with it
	 */
	public record Rejected(long line, String sku, List<String> errors) {
	}

	/** The good rows of one sku: the details once, one quantity per location. */
	private static final class ItemRows {

		private final CsvRow first;

		private final long firstLine;

		private final Map<String, Integer> stock = new LinkedHashMap<>();

		private int rows;

		ItemRows(CsvRow first, long firstLine) {
			this.first = first;
			this.firstLine = firstLine;
		}

		List<String> conflicts(CsvRow row) {
			List<String> conflicts = new ArrayList<>();
			if (!this.first.sameDetails(row)) {
				conflicts.add("brand, model, description or price differ from line " + this.firstLine);
			}
			if (row.location() != null && this.stock.containsKey(row.location())) {
				conflicts.add("location " + row.location() + " is listed twice for this sku");
			}
			return conflicts;
		}

		void add(CsvRow row) {
			if (row.location() != null) {
				this.stock.put(row.location(), row.quantity());
			}
			this.rows++;
		}

		int rows() {
			return this.rows;
		}

		ImportedItem toImportedItem() {
			return new ImportedItem(this.first.sku(), this.first.brand(), this.first.model(), this.first.description(),
					this.first.price(),
					this.stock.entrySet().stream().map((e) -> new StockLevel(e.getKey(), e.getValue())).toList());
		}

	}

}
