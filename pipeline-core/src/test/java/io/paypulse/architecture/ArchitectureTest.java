package io.paypulse.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import io.paypulse.testing.ThreadRules;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pipeline stands without the GUI, talks through SLF4J (STYLE.md 1) and has no package cycles. */
class ArchitectureTest {

    private static final JavaClasses PIPELINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.paypulse");

    @Test
    void thePipelineNeverDependsOnJavaFx() {
        noClasses().should().dependOnClassesThat().resideInAPackage("javafx..").check(PIPELINE);
    }

    @Test
    void onlyTheCommandLineEntryPointTouchesStandardStreams() {
        noClasses().that().doNotHaveFullyQualifiedName("io.paypulse.cli.Main")
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS).check(PIPELINE);
    }

    @Test
    void loggingGoesThroughSlf4j() {
        NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(PIPELINE);
    }

    @Test
    void lowerLayersDoNotReachUpIntoTheCommandLine() {
        noClasses().that().resideOutsideOfPackage("io.paypulse.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.paypulse.cli..").check(PIPELINE);
    }

    /**
     * No cycles between the top-level packages: each can be understood, tested and moved with only
     * the ones below it. A sub-package belongs to its parent here (process.errors is the processor's).
     */
    @Test
    void topLevelPackagesAreFreeOfCycles() {
        slices().matching("io.paypulse.(*)..").should().beFreeOfCycles().check(PIPELINE);
    }

    /** Not yet given their threads by a {@link io.paypulse.threads.Workers}: this list only shrinks. */
    private static final Set<String> MAKE_THEIR_OWN_THREADS = Set.of();

    /** Threads are named and injected (issue 14 §4), so a test can check each has ended after stop. */
    @Test
    void threadsComeFromInjectedWorkers() {
        ThreadRules.threadsComeFromWorkers("io.paypulse..", MAKE_THEIR_OWN_THREADS).check(PIPELINE);
    }

    /**
     * No cycles between packages at any depth either, a sub-package against its parent included
     * (process.errors and process): a sub-package can then be read and moved without its parent.
     */
    @Test
    void packagesAtEveryDepthAreFreeOfCycles() {
        slices().matching("io.paypulse.(**)").should().beFreeOfCycles().check(PIPELINE);
    }
}
