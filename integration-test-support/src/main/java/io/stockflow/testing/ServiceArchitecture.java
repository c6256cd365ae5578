package io.stockflow.testing;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package-by-feature rules every service keeps: no cycles between its feature
 * packages ({@code io.stockflow.<service>.<feature>}), and {@code @RabbitListener} only
 * in listener classes. A service's own ArchitectureTests include them with
 * {@code @ArchTest static final ArchTests common = ArchTests.in(ServiceArchitecture.class);}
 * and add the rules of its own domain model.
 */
public final class ServiceArchitecture {

	@ArchTest
	public static final ArchRule featuresHaveNoCycles = slices().matching("io.stockflow.(*).(*)..")
		.namingSlices("$2")
		.should()
		.beFreeOfCycles();

	@ArchTest
	public static final ArchRule rabbitListenersLiveInListeners = methods().that()
		.areAnnotatedWith("org.springframework.amqp.rabbit.annotation.RabbitListener")
		.should()
		.beDeclaredInClassesThat()
		.haveSimpleNameEndingWith("Listener");

	private ServiceArchitecture() {
	}

}
