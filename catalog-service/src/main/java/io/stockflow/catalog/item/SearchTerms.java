package io.stockflow.catalog.item;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The words of a search that typos are forgiven in, each with the spellings to try.
 * Trigram similarity forgives a wrong, missing or extra letter ({@code tittan},
 * {@code edg}) but not two swapped letters: {@code egde} shares one trigram of five with
 * {@code edge}. So each word is also tried with each pair of neighbouring letters
 * swapped.
 */
final class SearchTerms {

	/** Shorter words have too few trigrams to be compared meaningfully. */
	static final int MIN_LENGTH = 3;

	/** Longer words keep enough trigrams after a swap to be found as they are. */
	static final int MAX_SWAPPED_LENGTH = 12;

	static final int MAX_WORDS = 5;

	private SearchTerms() {
	}

	/**
	 * @param q what the user typed
	 * @return for each word of at least {@link #MIN_LENGTH} letters (at most
	 * {@link #MAX_WORDS}), its spellings to try, the word itself first
	 */
	static List<List<String>> of(String q) {
		List<List<String>> words = new ArrayList<>();
		for (String word : q.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
			if (word.length() >= MIN_LENGTH && words.size() < MAX_WORDS) {
				words.add(spellings(word));
			}
		}
		return words;
	}

	private static List<String> spellings(String word) {
		Set<String> spellings = new LinkedHashSet<>();
		spellings.add(word);
		if (word.length() <= MAX_SWAPPED_LENGTH) {
			for (int i = 0; i + 1 < word.length(); i++) {
				char[] letters = word.toCharArray();
				letters[i] = word.charAt(i + 1);
				letters[i + 1] = word.charAt(i);
				spellings.add(new String(letters));
			}
		}
		return List.copyOf(spellings);
	}

}
