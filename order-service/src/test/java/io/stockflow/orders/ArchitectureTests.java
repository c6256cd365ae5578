package io.stockflow.orders;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;

import io.stockflow.testing.ServiceArchitecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * Package-by-feature rules: no cycles between features, listeners only in listener
 * classes, a domain model free of transport.
 */
@AnalyzeClasses(packages = "io.stockflow.orders", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchTests common = ArchTests.in(ServiceArchitecture.class);

	/**
	 * The order domain model knows nothing of messages, the web or the message contracts.
	 */
	@ArchTest
	static final ArchRule domainModelIsFreeOfTransport = classes().that()
		.haveNameMatching(
				"io\\.stockflow\\.orders\\.order\\.(Order|OrderId|OrderStatus|Line|Allocation|Rejection|OrderRuleViolation)(\\$.*)?")
		.should()
		.onlyDependOnClassesThat()
		.resideOutsideOfPackages("org.springframework..", "io.stockflow.contracts..", "io.stockflow.messaging..",
				"tools.jackson..", "com.fasterxml..", "jakarta..");

}
