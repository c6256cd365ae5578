package io.stockflow.catalog.item;

import java.util.List;

/**
 * One page of a list (API.md conventions).
 *
 * @param items the page's items
 * @param page zero-based page number
 * @param size requested page size
 * @param total items over all pages
 * @param <T> the item type
 */
public record Page<T>(List<T> items, int page, int size, long total) {
}
