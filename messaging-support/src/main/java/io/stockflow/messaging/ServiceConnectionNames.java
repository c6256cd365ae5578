package io.stockflow.messaging;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionNameStrategy;

/**
 * Names every AMQP connection {@code <service>@<instance>}: the health monitor counts a
 * service's instances by these names.
 */
class ServiceConnectionNames implements ConnectionNameStrategy {

	private final String name;

	ServiceConnectionNames(String service, String instance) {
		this.name = service + "@" + instance;
	}

	@Override
	public String obtainNewConnectionName(ConnectionFactory connectionFactory) {
		return this.name;
	}

}
