package io.stockflow.orders.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The order's state machine, without Spring. */
class OrderTests {

	static final Rejection SHORT = new Rejection("B-2", 3, 1, "only 1 of B-2 available");

	static Order pending() {
		return Order.place(new OrderId(UUID.randomUUID()), "asha",
				List.of(Line.requested("A-1", 2), Line.requested("B-2", 3)), Instant.now());
	}

	static List<Line> reserved() {
		return List.of(
				new Line("B-2", 3, new BigDecimal("10.10"),
						List.of(new Allocation("blr-1", 2), new Allocation("del-2", 1))),
				new Line("A-1", 2, new BigDecimal("249.99"), List.of(new Allocation("blr-1", 2))));
	}

	@Test
	void confirmsAtTheReservedPricesAndComputesTheTotal() {
		Order order = pending();

		boolean changed = order.confirm(reserved());

		assertThat(changed).isTrue();
		assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
		assertThat(order.total()).isEqualByComparingTo("530.28");
		assertThat(order.lines()).extracting(Line::sku).containsExactly("A-1", "B-2");
		assertThat(order.lines().get(1).allocations()).hasSize(2);
	}

	@Test
	void confirmingTwiceIsANoOp() {
		Order order = pending();
		order.confirm(reserved());

		boolean changed = order.confirm(reserved());

		assertThat(changed).isFalse();
		assertThat(order.total()).isEqualByComparingTo("530.28");
	}

	@Test
	void refusesAReservationThatDoesNotMatchTheLines() {
		Order order = pending();

		assertThatThrownBy(() -> order.confirm(List.of(reserved().get(0)))).isInstanceOf(OrderRuleViolation.class)
			.hasMessageContaining("A-1");
		assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
	}

	@Test
	void rejectsWithTheShortLineAndRejectingTwiceIsANoOp() {
		Order order = pending();

		boolean first = order.reject(SHORT);
		boolean second = order.reject(SHORT);

		assertThat(first).isTrue();
		assertThat(second).isFalse();
		assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
		assertThat(order.rejection()).isEqualTo(SHORT);
	}

	@Test
	void cannotConfirmARejectedOrCancelledOrder() {
		Order rejected = pending();
		rejected.reject(SHORT);
		Order cancelled = pending();
		cancelled.cancel();

		assertThatThrownBy(() -> rejected.confirm(reserved())).isInstanceOf(OrderRuleViolation.class)
			.hasMessageContaining("it is REJECTED");
		assertThatThrownBy(() -> cancelled.confirm(reserved())).isInstanceOf(OrderRuleViolation.class);
		assertThat(cancelled.refusesStock()).isTrue();
	}

	@Test
	void cannotRejectAConfirmedOrder() {
		Order order = pending();
		order.confirm(reserved());

		assertThatThrownBy(() -> order.reject(SHORT)).isInstanceOf(OrderRuleViolation.class);
		assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
	}

	@Test
	void cancellingAPendingOrderWaitsForItsReservationToRelease() {
		Order order = pending();

		assertThat(order.cancel()).isEqualTo(Order.Cancellation.BEFORE_RESERVATION);
		assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(order.cancel()).isEqualTo(Order.Cancellation.ALREADY_CANCELLED);
	}

	@Test
	void cancellingAConfirmedOrderReleasesItsStock() {
		Order order = pending();
		order.confirm(reserved());

		assertThat(order.cancel()).isEqualTo(Order.Cancellation.RELEASE_STOCK);
		assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(order.isCancellable()).isFalse();
	}

	@Test
	void cannotCancelARejectedOrder() {
		Order order = pending();
		order.reject(SHORT);

		assertThat(order.isCancellable()).isFalse();
		assertThatThrownBy(order::cancel).isInstanceOf(OrderRuleViolation.class);
	}

	@Test
	void placingEnforcesTheOrderLimits() {
		OrderId id = new OrderId(UUID.randomUUID());
		Instant now = Instant.now();

		assertThatThrownBy(() -> Order.place(id, "asha", List.of(), now)).hasMessageContaining("1 to 50 lines");
		assertThatThrownBy(
				() -> Order.place(id, "asha", List.of(Line.requested("A-1", 0), Line.requested("B", 1)), now))
			.hasMessageContaining("quantity");
		assertThatThrownBy(() -> Order.place(id, "asha", List.of(Line.requested("A-1", 1001)), now))
			.hasMessageContaining("quantity");
		assertThatThrownBy(
				() -> Order.place(id, "asha", List.of(Line.requested("A-1", 1), Line.requested("A-1", 2)), now))
			.hasMessageContaining("listed twice");
		assertThatThrownBy(() -> Order.place(id, "asha", List.of(Line.requested("bad sku!", 1)), now))
			.hasMessageContaining("sku");
	}

}
