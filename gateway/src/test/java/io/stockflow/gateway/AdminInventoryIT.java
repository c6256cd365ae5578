package io.stockflow.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

import io.stockflow.contracts.Envelope;
import io.stockflow.contracts.Queues;
import io.stockflow.contracts.inventory.ChangeStock;
import io.stockflow.contracts.inventory.ImportItems;
import io.stockflow.contracts.inventory.ImportedItem;
import io.stockflow.contracts.inventory.RemoveItem;
import io.stockflow.contracts.inventory.UpdateItem;
import io.stockflow.testing.IsolatedInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Inventory administration at the gateway: each request becomes the right command on the
 * broker.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "stockflow.gateway.admin.username=boss", "stockflow.gateway.admin.password=boss-password-1",
				"stockflow.gateway.jwt.secret=0123456789abcdef0123456789abcdef-test" })
class AdminInventoryIT {

	static final IsolatedInfrastructure infra = IsolatedInfrastructure.create("gateway-inventory");

	static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		infra.register(registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	RabbitTemplate rabbit;

	String token;

	@BeforeEach
	void signIn() {
		this.token = (String) client().post()
			.uri("/api/auth/token")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("username", "boss", "password", "boss-password-1"))
			.retrieve()
			.body(JSON)
			.get("accessToken");
	}

	@Test
	void editRemoveAndStockChangesBecomeCommands() {
		assertThat(status(send("PUT", "/api/admin/items/ED-1",
				Map.of("brand", "Titan", "model", "Edge 2", "price", "120.00", "expectedVersion", 3))))
			.isEqualTo(202);
		assertThat(status(send("DELETE", "/api/admin/items/ED-2", null))).isEqualTo(202);
		assertThat(status(send("POST", "/api/admin/items/ED-3/stock", Map.of("location", "blr-1", "delta", -2))))
			.isEqualTo(202);

		UpdateItem update = (UpdateItem) received(Queues.INVENTORY_ITEM_COMMANDS, UpdateItem.class);
		assertThat(update.sku()).isEqualTo("ED-1");
		assertThat(update.expectedVersion()).isEqualTo(3L);
		assertThat(update.price()).isEqualByComparingTo("120.00");
		assertThat(received(Queues.INVENTORY_ITEM_COMMANDS, RemoveItem.class)).isEqualTo(new RemoveItem("ED-2"));
		assertThat(received(Queues.INVENTORY_STOCK_COMMANDS, ChangeStock.class))
			.isEqualTo(new ChangeStock("ED-3", "blr-1", null, -2, "correction", null));
	}

	@Test
	void aStockChangeNeedsQuantityOrDeltaButNotBoth() {
		ResponseEntity<Map<String, Object>> both = send("POST", "/api/admin/items/ED-4/stock",
				Map.of("location", "blr-1", "delta", 1, "quantity", 3));
		ResponseEntity<Map<String, Object>> badReason = send("POST", "/api/admin/items/ED-4/stock",
				Map.of("location", "blr-1", "delta", 1, "reason", "stolen"));

		assertThat(status(both)).isEqualTo(400);
		assertThat(fields(both)).contains("quantityOrDelta");
		assertThat(fields(badReason)).contains("reason");
	}

	@Test
	void csvImportSendsTheGoodRowsAndReportsTheBadOnesByLine() {
		String csv = """
				sku,brand,model,description,price,location,quantity
				CSV-1,Titan,Edge,"Slim, steel",249.99,blr-1,40
				CSV-1,Titan,Edge,"Slim, steel",249.99,del-2,2
				CSV-2,,Edge,,10.00,blr-1,1
				CSV-3,Titan,Edge,,abc,blr-1,1
				CSV-1,Titan,Edge,"Slim, steel",249.99,blr-1,5
				CSV-4,Casio,F91W,,19.50,,
				""";

		ResponseEntity<Map<String, Object>> answer = client().post()
			.uri("/api/admin/items/import")
			.headers((h) -> h.setBearerAuth(this.token))
			.contentType(MediaType.parseMediaType("text/csv"))
			.body(csv)
			.exchange((req, res) -> ResponseEntity.status(res.getStatusCode()).body(res.bodyTo(JSON)));

		assertThat(status(answer)).isEqualTo(202);
		assertThat(answer.getBody()).containsEntry("rows", 6).containsEntry("accepted", 3).containsEntry("items", 2);
		List<?> rejected = (List<?>) answer.getBody().get("rejected");
		List<Object> lines = rejected.stream().map((r) -> (Object) ((Map<?, ?>) r).get("line")).toList();
		assertThat(lines).containsExactly(4, 5, 6);
		assertThat(rejected.toString()).contains("brand: 1 to 100 characters", "price: not a number",
				"location blr-1 is listed twice for this sku");
		ImportItems command = (ImportItems) received(Queues.INVENTORY_ITEM_COMMANDS,
				(p) -> p instanceof ImportItems i && i.items().get(0).sku().equals("CSV-1"));
		assertThat(command.items()).extracting(ImportedItem::sku).containsExactly("CSV-1", "CSV-4");
		assertThat(command.items().get(0).stock()).hasSize(2);
		assertThat(command.items().get(0).description()).isEqualTo("Slim, steel");
	}

	@Test
	void csvImportAcceptsAFileUploadAndRefusesAWrongHeader() {
		LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
		form.add("file", new ByteArrayResource(
				"sku,brand,model,description,price,location,quantity\nUP-1,Titan,Edge,,1.00,blr-1,1\n".getBytes()) {
			@Override
			public String getFilename() {
				return "items.csv";
			}
		});

		ResponseEntity<Map<String, Object>> uploaded = client().post()
			.uri("/api/admin/items/import")
			.headers((h) -> h.setBearerAuth(this.token))
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(form)
			.exchange((req, res) -> ResponseEntity.status(res.getStatusCode()).body(res.bodyTo(JSON)));
		ResponseEntity<Map<String, Object>> wrongHeader = client().post()
			.uri("/api/admin/items/import")
			.headers((h) -> h.setBearerAuth(this.token))
			.contentType(MediaType.parseMediaType("text/csv"))
			.body("sku,name\nX,Y\n")
			.exchange((req, res) -> ResponseEntity.status(res.getStatusCode()).body(res.bodyTo(JSON)));

		assertThat(status(uploaded)).isEqualTo(202);
		assertThat(uploaded.getBody()).containsEntry("accepted", 1);
		assertThat(status(wrongHeader)).isEqualTo(400);
		assertThat((String) wrongHeader.getBody().get("detail")).contains("sku,brand,model,description,price");
	}

	private Object received(String queue, Class<?> type) {
		return received(queue, type::isInstance);
	}

	/**
	 * The first payload on the queue that matches; others (of other tests) are dropped.
	 */
	private Object received(String queue, java.util.function.Predicate<Object> matching) {
		Envelope<?> envelope = await().atMost(Duration.ofSeconds(20))
			.until(() -> (Envelope<?>) this.rabbit.receiveAndConvert(queue, 1000),
					(e) -> e != null && matching.test(e.payload()));
		return envelope.payload();
	}

	private ResponseEntity<Map<String, Object>> send(String method, String path, Object body) {
		RestClient.RequestBodySpec request = client().method(org.springframework.http.HttpMethod.valueOf(method))
			.uri(path)
			.headers((h) -> h.setBearerAuth(this.token));
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.exchange((req, res) -> ResponseEntity.status(res.getStatusCode()).body(res.bodyTo(JSON)));
	}

	private static int status(ResponseEntity<?> response) {
		return response.getStatusCode().value();
	}

	private static List<Object> fields(ResponseEntity<Map<String, Object>> response) {
		return ((List<?>) response.getBody().get("errors")).stream()
			.map((e) -> (Object) ((Map<?, ?>) e).get("field"))
			.toList();
	}

	private RestClient client() {
		return RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.baseUrl("http://127.0.0.1:" + this.port)
			.build();
	}

}
