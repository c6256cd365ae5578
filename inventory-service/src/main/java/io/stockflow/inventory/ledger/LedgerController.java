package io.stockflow.inventory.ledger;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ledger over internal HTTP, for the gateway's admin API: an item's history, newest
 * first, and the consistency check of every level against the ledger.
 */
@RestController
class LedgerController {

	private final LedgerQueries ledger;

	LedgerController(LedgerQueries ledger) {
		this.ledger = ledger;
	}

	@GetMapping("/items/{sku}/history")
	LedgerQueries.Page<LedgerQueries.HistoryEntry> history(@PathVariable String sku,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
		return this.ledger.history(sku, page, size);
	}

	@GetMapping("/ledger/verify")
	LedgerQueries.Verification verify() {
		return this.ledger.verify();
	}

}
