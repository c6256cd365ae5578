package io.stockflow.inventory.reservation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Where a line's units are taken from: the location with the most stock first, then the
 * next, splitting the line when one location does not have enough. Ties go to the
 * location name, so the choice is the same every time.
 */
final class Allocation {

	private Allocation() {
	}

	/**
	 * @param levels units available per location
	 * @param quantity units wanted, no more than the sum of the levels
	 * @return units to take per location, in the order taken
	 */
	static List<Map.Entry<String, Integer>> of(Map<String, Integer> levels, int quantity) {
		List<Map.Entry<String, Integer>> byStock = new ArrayList<>(levels.entrySet());
		byStock.sort(
				Comparator.comparing(Map.Entry<String, Integer>::getValue).reversed().thenComparing(Map.Entry::getKey));
		List<Map.Entry<String, Integer>> taken = new ArrayList<>();
		int remaining = quantity;
		for (Map.Entry<String, Integer> level : byStock) {
			if (remaining == 0) {
				break;
			}
			int take = Math.min(level.getValue(), remaining);
			if (take > 0) {
				taken.add(Map.entry(level.getKey(), take));
				remaining -= take;
			}
		}
		if (remaining > 0) {
			throw new IllegalArgumentException("not enough stock for " + quantity + " units");
		}
		return taken;
	}

}
