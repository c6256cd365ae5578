package io.stockflow.catalog;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;

import io.stockflow.testing.ServiceArchitecture;

/**
 * Package-by-feature rules: no cycles between features, listeners only in listener
 * classes.
 */
@AnalyzeClasses(packages = "io.stockflow.catalog", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchTests common = ArchTests.in(ServiceArchitecture.class);

	@ArchTest
	static final ArchRule domainRecordsAreFreeOfTransport = com.tngtech.archunit.lang.syntax.ArchRuleDefinition
		.classes()
		.that()
		.haveSimpleNameStartingWith("CatalogItem")
		.and()
		.haveSimpleNameNotEndingWith("Listener")
		.and()
		.haveSimpleNameNotEndingWith("Management")
		.should()
		.onlyDependOnClassesThat()
		.resideOutsideOfPackages("org.springframework.amqp..", "org.springframework.web..", "io.stockflow.contracts..");

	@ArchTest
	static final ArchRule onlyTheItemCacheTalksToRedis = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
		.that()
		.doNotHaveSimpleName("ItemCache")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("org.springframework.data.redis..");

	@ArchTest
	static final ArchRule configDependsOnNoFeature = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
		.that()
		.resideInAPackage("io.stockflow.catalog.config..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.stockflow.catalog.item..", "io.stockflow.catalog.rebuild..");

}
