package io.stockflow.gateway;

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
@AnalyzeClasses(packages = "io.stockflow.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule featuresHaveNoCycles = slices().matching("io.stockflow.gateway.(*)..")
		.should()
		.beFreeOfCycles();

	@ArchTest
	static final ArchRule rabbitListenersLiveInListeners = methods().that()
		.areAnnotatedWith(org.springframework.amqp.rabbit.annotation.RabbitListener.class)
		.should()
		.beDeclaredInClassesThat()
		.haveSimpleNameEndingWith("Listener");

}
