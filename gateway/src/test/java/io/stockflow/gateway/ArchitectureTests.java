package io.stockflow.gateway;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;

import io.stockflow.testing.ServiceArchitecture;

/**
 * Package-by-feature rules: no cycles between features, listeners only in listener
 * classes.
 */
@AnalyzeClasses(packages = "io.stockflow.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchTests common = ArchTests.in(ServiceArchitecture.class);

}
