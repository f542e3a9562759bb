package io.paypulse.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The GUI can be deleted without breaking the pipeline (STYLE 1), and view models stay Node-free (STYLE 3). */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.paypulse");

    @Test
    void pipelineCoreNeverDependsOnJavaFx() {
        noClasses().that().resideInAPackage("io.paypulse..").and().resideOutsideOfPackage("io.paypulse.app..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(CLASSES);
    }

    @Test
    void viewModelsNeverTouchNodes() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .check(CLASSES);
    }

    @Test
    void pipelineCoreDoesNotDependOnTheApp() {
        noClasses().that().resideInAPackage("io.paypulse..").and().resideOutsideOfPackage("io.paypulse.app..")
                .should().dependOnClassesThat().resideInAPackage("io.paypulse.app..")
                .check(CLASSES);
    }
}
