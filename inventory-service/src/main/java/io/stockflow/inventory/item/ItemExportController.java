package io.stockflow.inventory.item;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /items/export}: every item that is not removed, one CSV row per item and
 * location, in the import's format, so an export can be imported again and changes
 * nothing.
 */
@RestController
class ItemExportController {

	/** The columns of an import, and of an export. */
	static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
		.setHeader("sku", "brand", "model", "description", "price", "location", "quantity")
		.get();

	private final JdbcClient jdbc;

	ItemExportController(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@GetMapping(path = "/items/export", produces = "text/csv")
	ResponseEntity<String> export() {
		List<Row> rows = this.jdbc.sql("""
				select i.sku, i.brand, i.model, i.description, i.price, s.location, s.available
				from item i left join stock s on s.sku = i.sku
				where not i.deleted order by i.sku, s.location
				""")
			.query((rs, n) -> new Row(rs.getString("sku"), rs.getString("brand"), rs.getString("model"),
					rs.getString("description"), rs.getBigDecimal("price"), rs.getString("location"),
					(Integer) rs.getObject("available")))
			.list();
		StringBuilder csv = new StringBuilder();
		try (CSVPrinter printer = new CSVPrinter(csv, FORMAT)) {
			for (Row row : rows) {
				printer.printRecord(row.sku(), row.brand(), row.model(), row.description(), row.price(), row.location(),
						row.quantity());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("text/csv; charset=UTF-8"))
			.body(csv.toString());
	}

	record Row(String sku, String brand, String model, String description, BigDecimal price, String location,
			Integer quantity) {
	}

}
