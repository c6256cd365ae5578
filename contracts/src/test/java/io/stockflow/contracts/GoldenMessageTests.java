package io.stockflow.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import io.stockflow.contracts.health.ServiceDegraded;
import io.stockflow.contracts.health.ServiceDown;
import io.stockflow.contracts.health.ServiceRecovered;
import io.stockflow.contracts.inventory.AddItem;
import io.stockflow.contracts.inventory.ChangeStock;
import io.stockflow.contracts.inventory.ImportItems;
import io.stockflow.contracts.inventory.ImportedItem;
import io.stockflow.contracts.inventory.ItemAdded;
import io.stockflow.contracts.inventory.ItemRemoved;
import io.stockflow.contracts.inventory.ItemUpdated;
import io.stockflow.contracts.inventory.LowStock;
import io.stockflow.contracts.inventory.RemoveItem;
import io.stockflow.contracts.inventory.StockChanged;
import io.stockflow.contracts.inventory.StockLevel;
import io.stockflow.contracts.inventory.StockReplenished;
import io.stockflow.contracts.inventory.UpdateItem;
import io.stockflow.contracts.order.CancelOrder;
import io.stockflow.contracts.order.OrderLine;
import io.stockflow.contracts.order.OrderStatusChanged;
import io.stockflow.contracts.order.PlaceOrder;
import io.stockflow.contracts.order.ReleaseStock;
import io.stockflow.contracts.order.ReserveStock;
import io.stockflow.contracts.order.ReservedLine;
import io.stockflow.contracts.order.StockRejected;
import io.stockflow.contracts.order.StockReleased;
import io.stockflow.contracts.order.StockReserved;
import io.stockflow.contracts.outcome.CommandApplied;
import io.stockflow.contracts.outcome.CommandRejected;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every message type round-trips against its golden JSON file. A failing golden file is a
 * breaking change of the wire format: add a field or a new schema version instead.
 */
class GoldenMessageTests {

	private static final UUID ID = UUID.fromString("7d444840-9dc0-11d1-b245-5ffdce74fad2");

	private static final UUID COMMAND = UUID.fromString("0b8e8a3e-1c55-4d8f-a2b7-8a2cbb0d5a11");

	private static final UUID ORDER = UUID.fromString("5f0c1a7e-2d3b-4c5d-8e9f-0a1b2c3d4e5f");

	static Stream<Object> samples() {
		List<StockLevel> stock = List.of(new StockLevel("blr-1", 40), new StockLevel("del-2", 2));
		return Stream.of(
				new AddItem("WATCH-42", "Titan", "Edge", "Slim steel watch", new BigDecimal("249.99"), null, stock,
						null),
				new UpdateItem("WATCH-42", "Titan", "Edge 2", "Slimmer", new BigDecimal("199.00"), null, 3, 4L),
				new RemoveItem("WATCH-42"), new ChangeStock("WATCH-42", "blr-1", null, -2, "damaged", "dropped"),
				new ImportItems(List.of(new ImportedItem("WATCH-42", "Titan", "Edge", "", new BigDecimal("249.99"),
						List.of(new StockLevel("blr-1", 40))))),
				new ItemUpdated("WATCH-42", "Titan", "Edge 2", "Slimmer", new BigDecimal("199.00"), null, 5),
				new ItemRemoved("WATCH-42", 6), new StockChanged("WATCH-42", "blr-1", 38, -2, "ADJUSTED", 7, null),
				new LowStock("WATCH-42", 3, 5), new StockReplenished("WATCH-42", 40, 5),
				new PlaceOrder(ORDER, "asha", List.of(new OrderLine("WATCH-42", 2))), new CancelOrder(ORDER),
				new ReserveStock(ORDER, List.of(new OrderLine("WATCH-42", 2))), new ReleaseStock(ORDER),
				new StockReserved(ORDER,
						List.of(new ReservedLine("WATCH-42", 2, new BigDecimal("249.99"),
								List.of(new StockLevel("blr-1", 2))))),
				new StockRejected(ORDER, "WATCH-42", 2, 1, "only 1 of WATCH-42 available"), new StockReleased(ORDER, 2),
				new OrderStatusChanged(ORDER, "asha", "CONFIRMED", new BigDecimal("499.98"), null),
				new ItemAdded("WATCH-42", "Titan", "Edge", "Slim steel watch", new BigDecimal("249.99"),
						"https://img.example/w42.png", stock, 1),
				new CommandApplied(COMMAND, "AddItem", "WATCH-42"),
				new CommandRejected(COMMAND, "AddItem", "WATCH-42", "sku WATCH-42 exists"),
				new ServiceDown("order-service", "UP", "queue orders.order-commands has no consumers",
						Instant.parse("2026-11-25T10:15:29.500Z")),
				new ServiceRecovered("order-service", "DOWN", null, Instant.parse("2026-11-25T10:15:29.500Z")),
				new ServiceDegraded("catalog-service", "UP", "health: db DOWN",
						Instant.parse("2026-11-25T10:15:29.500Z")));
	}

	@ParameterizedTest
	@MethodSource("samples")
	void readsGoldenFileIntoTheSample(Object sample) throws IOException {
		byte[] golden = golden(sample);

		Envelope<?> read = MessageJson.read(golden);

		assertThat(read).isEqualTo(envelope(sample));
	}

	@ParameterizedTest
	@MethodSource("samples")
	void writesTheSampleAsTheGoldenFile(Object sample) throws IOException {
		JsonMapper plain = JsonMapper.builder().build();

		byte[] written = MessageJson.write(envelope(sample));

		assertThat(plain.readTree(written)).isEqualTo(plain.readTree(golden(sample)));
	}

	@ParameterizedTest
	@MethodSource("samples")
	void everySampleIsARegisteredType(Object sample) {
		assertThat(MessageTypes.classOf(MessageTypes.nameOf(sample))).contains(sample.getClass());
	}

	private static Envelope<Object> envelope(Object payload) {
		return new Envelope<>(ID, payload.getClass().getSimpleName(), 1, Instant.parse("2026-11-25T10:15:30.120Z"), ID,
				COMMAND, new Actor("admin", List.of("ADMIN")), payload);
	}

	private static byte[] golden(Object sample) throws IOException {
		String name = "/golden/" + sample.getClass().getSimpleName() + ".json";
		try (InputStream in = GoldenMessageTests.class.getResourceAsStream(name)) {
			assertThat(in).as(name).isNotNull();
			return in.readAllBytes();
		}
	}

}
