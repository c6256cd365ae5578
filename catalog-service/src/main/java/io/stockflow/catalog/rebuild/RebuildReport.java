package io.stockflow.catalog.rebuild;

/**
 * What a rebuild of the read model did.
 *
 * @param replayed events of the log applied
 * @param skipped messages of the log skipped as unreadable, unsigned or foreign
 * @param items items the rebuilt model shows
 * @param tookMillis how long the rebuild took
 */
public record RebuildReport(int replayed, int skipped, long items, long tookMillis) {
}
