package io.stockflow.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.async.MinimalHttpAsyncClient;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http2.config.H2Config;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's public API as the bench uses it: an asynchronous client with one I/O
 * thread for the load, and the JDK client for the few set-up calls (admin sign-in, CSV
 * import, customers).
 */
final class Api implements AutoCloseable {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([0-9a-f-]{36})\"");

	private final String base;

	private final HttpHost host;

	private final HttpClient http;

	/**
	 * The load itself: Apache's minimal asynchronous client on one I/O thread, at most
	 * {@link OpenLoop#MAX_IN_FLIGHT} connections. The generator shares the machine with
	 * what it measures; a blocking client with a virtual thread per request took up to a
	 * core at 5,000 reads/s, this one about half as much (figures in bench/README.md).
	 */
	private final MinimalHttpAsyncClient load;

	Api(String base) {
		this.base = base;
		this.host = HttpHost.create(URI.create(base));
		this.http = client(null);
		this.load = HttpAsyncClients.createMinimal(H2Config.DEFAULT, Http1Config.DEFAULT,
				IOReactorConfig.custom().setIoThreadCount(1).setSoTimeout(Timeout.ofSeconds(30)).build(),
				PoolingAsyncClientConnectionManagerBuilder.create()
					.setMaxConnTotal(OpenLoop.MAX_IN_FLIGHT)
					.setMaxConnPerRoute(OpenLoop.MAX_IN_FLIGHT)
					.setDefaultConnectionConfig(ConnectionConfig.custom()
						.setConnectTimeout(Timeout.ofSeconds(5))
						.setSocketTimeout(Timeout.ofSeconds(30))
						.build())
					.build());
		this.load.start();
	}

	private static HttpClient client(InetAddress localAddress) {
		HttpClient.Builder builder = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.executor(Executors.newVirtualThreadPerTaskExecutor());
		if (localAddress != null) {
			builder.localAddress(localAddress);
		}
		return builder.build();
	}

	/** GET without a token; the status code, or -1 when the request failed. */
	CompletableFuture<Integer> getStatus(String path) {
		return execute(SimpleRequestBuilder.get().setHttpHost(this.host).setPath(path).build())
			.thenApply(SimpleHttpResponse::getCode)
			.exceptionally((ex) -> -1);
	}

	/** POST /api/orders; the order id of a 202, or null. */
	CompletableFuture<String> placeOrder(String token, String key, String sku, int quantity) {
		String body = "{\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}]}";
		SimpleHttpRequest request = SimpleRequestBuilder.post()
			.setHttpHost(this.host)
			.setPath("/api/orders")
			.addHeader("authorization", "Bearer " + token)
			.addHeader("idempotency-key", key)
			.setBody(body, ContentType.APPLICATION_JSON)
			.build();
		return execute(request).thenApply((response) -> {
			if (response.getCode() != 202) {
				return (String) null;
			}
			Matcher m = ORDER_ID.matcher(response.getBodyText());
			return m.find() ? m.group(1) : null;
		}).exceptionally((ex) -> null);
	}

	private CompletableFuture<SimpleHttpResponse> execute(SimpleHttpRequest request) {
		CompletableFuture<SimpleHttpResponse> answer = new CompletableFuture<>();
		this.load.execute(request, new FutureCallback<>() {

			@Override
			public void completed(SimpleHttpResponse response) {
				answer.complete(response);
			}

			@Override
			public void failed(Exception ex) {
				answer.completeExceptionally(ex);
			}

			@Override
			public void cancelled() {
				answer.cancel(false);
			}

		});
		return answer;
	}

	@Override
	public void close() {
		this.load.close(CloseMode.GRACEFUL);
	}

	String signIn(String username, String password) {
		return signIn(this.http, username, password);
	}

	private String signIn(HttpClient client, String username, String password) {
		HttpResponse<String> answer = send(client,
				post("/api/auth/token", null, Map.of("username", username, "password", password)));
		if (answer.statusCode() != 200) {
			throw new IllegalStateException(
					"sign-in of " + username + " answered " + answer.statusCode() + ": " + answer.body());
		}
		return JSON.readTree(answer.body()).get("accessToken").asString();
	}

	/**
	 * Registers the bench's customers (a 409 means they exist from an earlier run) and
	 * signs each in. Sign-in is limited per client address, so the customers come from
	 * several loopback addresses (127.0.x.y), as many clients would.
	 */
	List<String> customerTokens(int count, String password, int round) {
		List<String> tokens = new ArrayList<>(count);
		HttpClient from = null;
		for (int i = 0; i < count; i++) {
			String username = "bench-customer-" + i;
			int status = send(this.http,
					post("/api/auth/register", null, Map.of("username", username, "password", password)))
				.statusCode();
			if (status != 201 && status != 409) {
				throw new IllegalStateException("registering " + username + " answered " + status);
			}
			if (i % 40 == 0) {
				from = client(loopback(round, i / 40));
			}
			tokens.add(signIn(from, username, password));
		}
		return tokens;
	}

	private static InetAddress loopback(int round, int index) {
		try {
			return InetAddress.getByAddress(new byte[] { 127, (byte) (10 + round % 200), 0, (byte) (2 + index) });
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** POST a CSV import as the admin; the command id. */
	String importCsv(String token, String csv) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.base + "/api/admin/items/import"))
			.timeout(Duration.ofMinutes(2))
			.header("authorization", "Bearer " + token)
			.header("content-type", "text/csv")
			.POST(BodyPublishers.ofString(csv))
			.build();
		HttpResponse<String> answer = send(this.http, request);
		if (answer.statusCode() != 202) {
			throw new IllegalStateException("import answered " + answer.statusCode() + ": " + answer.body());
		}
		return JSON.readTree(answer.body()).get("commandId").asString();
	}

	/** GET as JSON (with a token when given); null for any status but 200. */
	JsonNode getJson(String token, String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(60));
		if (token != null) {
			request.header("authorization", "Bearer " + token);
		}
		HttpResponse<String> answer = send(this.http, request.build());
		return (answer.statusCode() == 200) ? JSON.readTree(answer.body()) : null;
	}

	/** GET any absolute URL as JSON (internal endpoints such as the ledger check). */
	JsonNode getJsonAt(String url) {
		HttpResponse<String> answer = send(this.http,
				HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2)).build());
		if (answer.statusCode() != 200) {
			throw new IllegalStateException(url + " answered " + answer.statusCode() + ": " + answer.body());
		}
		return JSON.readTree(answer.body());
	}

	private HttpRequest post(String path, String token, Object body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(60))
			.header("content-type", "application/json")
			.POST(BodyPublishers.ofString(JSON.writeValueAsString(body)));
		if (token != null) {
			request.header("authorization", "Bearer " + token);
		}
		return request.build();
	}

	private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
		try {
			return client.send(request, BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(request.uri() + ": " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

}
