package io.stockflow.inventory;

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
@AnalyzeClasses(packages = "io.stockflow.inventory", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchTests common = ArchTests.in(ServiceArchitecture.class);

	/**
	 * The item domain model knows nothing of messages, the web or the message contracts.
	 */
	@ArchTest
	static final ArchRule domainModelIsFreeOfTransport = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
		.that()
		.haveSimpleName("Item")
		.or()
		.haveSimpleName("ItemDetails")
		.or()
		.haveSimpleName("ItemRuleViolation")
		.should()
		.onlyDependOnClassesThat()
		.resideOutsideOfPackages("org.springframework..", "io.stockflow.contracts..", "io.stockflow.messaging..");

}
