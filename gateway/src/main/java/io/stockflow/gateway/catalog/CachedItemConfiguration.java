package io.stockflow.gateway.catalog;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Anonymous item reads the near cache can answer are answered before the security filters
 * (they run at -100) and Spring MVC, but after the observation filter that measures every
 * request.
 */
@Configuration(proxyBeanMethods = false)
class CachedItemConfiguration {

	@Bean
	FilterRegistrationBean<CachedItemFilter> cachedItemFilter(CatalogItems items) {
		FilterRegistrationBean<CachedItemFilter> registration = new FilterRegistrationBean<>(
				new CachedItemFilter(items::cached));
		registration.addUrlPatterns("/api/items/*");
		registration.setOrder(-1000);
		return registration;
	}

}
