package io.stockflow.contracts;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MessageJsonTests {

	@ParameterizedTest
	@ValueSource(strings = { "", "not json", "[]", "42", "{\"type\":\"Nope\",\"payload\":{}}", "{\"type\":\"AddItem\"}",
			"{\"type\":\"AddItem\",\"payload\":{\"sku\":\"A\"},\"occurredAt\":\"2026-01-01T00:00:00Z\"}" })
	void rejectsMalformedMessagesWithAReason(String json) {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

		assertThatExceptionOfType(InvalidMessageException.class).isThrownBy(() -> MessageJson.read(bytes))
			.satisfies((ex) -> assertThat(ex.getMessage()).isNotBlank());
	}

}
