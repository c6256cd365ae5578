package io.stockflow.catalog;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

import io.stockflow.catalog.config.CatalogSettings;

/** catalog-service: the read side of the catalogue. */
@SpringBootApplication
@EnableConfigurationProperties(CatalogSettings.class)
public class CatalogApplication {

	public static void main(String[] args) {
		SpringApplication.run(CatalogApplication.class, args);
	}

}
