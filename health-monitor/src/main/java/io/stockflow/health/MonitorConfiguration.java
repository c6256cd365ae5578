package io.stockflow.health;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

import io.stockflow.health.alert.AlertSettings;
import io.stockflow.health.broker.BrokerView;
import io.stockflow.health.broker.ManagementApi;
import io.stockflow.health.config.MonitorSettings;
import io.stockflow.health.parked.ParkedMessages;
import io.stockflow.health.probe.HttpView;
import io.stockflow.health.status.ServiceStatusManagement;
import io.stockflow.messaging.MessagingSettings;

/**
 * Wires the two views, each on its own thread, to the evaluation that runs after each of
 * their polls; and the parked-message operations to the broker.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ MonitorSettings.class, AlertSettings.class })
class MonitorConfiguration {

	@Bean
	ManagementApi managementApi(RestClient.Builder builder, MonitorSettings settings, RabbitProperties rabbit) {
		MonitorSettings.Broker broker = settings.broker();
		String username = (broker.username() != null && !broker.username().isBlank()) ? broker.username()
				: rabbit.getUsername();
		String password = (broker.username() != null && !broker.username().isBlank()) ? broker.password()
				: rabbit.getPassword();
		return new ManagementApi(builder, broker, username, password, rabbit.getVirtualHost());
	}

	@Bean
	BrokerView brokerView(ManagementApi api, MonitorSettings settings, MeterRegistry meters,
			ObjectProvider<ServiceStatusManagement> statuses) {
		return new BrokerView(api, settings, meters, () -> statuses.getObject().evaluate());
	}

	@Bean
	HttpView httpView(MonitorSettings settings, JsonMapper json, ObjectProvider<ServiceStatusManagement> statuses) {
		return new HttpView(settings.services(), settings.probe(), json, () -> statuses.getObject().evaluate());
	}

	@Bean
	ParkedMessages parkedMessages(CachingConnectionFactory connections, BrokerView broker, Environment environment,
			MessagingSettings messaging) {
		String instance = (messaging.instance() != null && !messaging.instance().isBlank()) ? messaging.instance()
				: Long.toString(ProcessHandle.current().pid());
		String name = environment.getProperty("spring.application.name", "health-monitor") + "-parked@" + instance;
		return new ParkedMessages(connections.getRabbitConnectionFactory(), name, broker);
	}

}
