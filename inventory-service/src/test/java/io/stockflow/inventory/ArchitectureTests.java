package io.stockflow.inventory;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Package-by-feature rules: no cycles between features, listeners only in listener
 * classes.
 */
@AnalyzeClasses(packages = "io.stockflow.inventory", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule featuresHaveNoCycles = slices().matching("io.stockflow.inventory.(*)..")
		.should()
		.beFreeOfCycles();

	@ArchTest
	static final ArchRule rabbitListenersLiveInListeners = methods().that()
		.areAnnotatedWith(org.springframework.amqp.rabbit.annotation.RabbitListener.class)
		.should()
		.beDeclaredInClassesThat()
		.haveSimpleNameEndingWith("Listener");

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
