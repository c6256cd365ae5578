package io.stockflow.catalog.item;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SearchTermsTests {

	@Test
	void triesEachWordWithNeighbouringLettersSwapped() {
		List<List<String>> terms = SearchTerms.of("Egde");

		assertThat(terms).containsExactly(List.of("egde", "gede", "edge", "eged"));
	}

	@Test
	void leavesOutWordsTooShortForTrigramsAndPunctuation() {
		List<List<String>> terms = SearchTerms.of("  a TIT-1 of titan! ");

		assertThat(terms).extracting((spellings) -> spellings.get(0)).containsExactly("tit", "titan");
	}

	@Test
	void keepsLongWordsAsTheyAreAndAtMostFiveWords() {
		List<List<String>> terms = SearchTerms.of("chronographs one two three four five six");

		assertThat(terms).hasSize(5);
		assertThat(terms.get(0)).hasSize(12).startsWith("chronographs", "hcronographs").endsWith("chronograpsh");
		assertThat(SearchTerms.of("chronographers").get(0)).containsExactly("chronographers");
	}

}
