package io.stockflow.health;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import io.stockflow.testing.ServiceArchitecture;

/**
 * Package-by-feature: no cycles between the monitor's features (it has no listeners, so
 * the listener rule does not apply).
 */
@AnalyzeClasses(packages = "io.stockflow.health", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule featuresHaveNoCycles = ServiceArchitecture.featuresHaveNoCycles;

}
