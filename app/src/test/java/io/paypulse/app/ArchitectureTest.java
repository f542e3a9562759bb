package io.paypulse.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import io.paypulse.testing.ThreadRules;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The GUI can be deleted without breaking the pipeline (STYLE 1), view models stay Node-free (STYLE 3),
 * and the app's feature packages do not reach into each other (issue 14 §3).
 */
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

    /** Screens of the app, each on its own: one can change or go without touching another. */
    private static final Set<String> FEATURES = Set.of(
            "alerts", "dashboard", "dlq", "events", "help", "lag", "notify", "stack");

    /**
     * What features share (they may use these, and these use no feature): the live data (feed), the
     * running session and generator control (session), the saved connection profiles and connect form
     * (connection, which settings stores), settings, start-up, and JavaFX helpers (fx). The package
     * io.paypulse.app itself is the composition root and may use everything.
     */
    private static final Set<String> SHARED = Set.of(
            "connection", "feed", "fx", "session", "settings", "startup");

    @Test
    void appPackagesAreFreeOfCycles() {
        slices().matching("io.paypulse.app.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void featuresDoNotReachIntoEachOther() {
        slices().assignedFrom(appPackages(FEATURES)).should().notDependOnEachOther().check(CLASSES);
    }

    @Test
    void sharedPackagesUseNoFeature() {
        noClasses().that().resideInAnyPackage(packages(SHARED))
                .should().dependOnClassesThat().resideInAnyPackage(packages(FEATURES)).check(CLASSES);
    }

    @Test
    void everyAppPackageIsAFeatureOrShared() {
        var named = new HashSet<>(FEATURES);
        named.addAll(SHARED);
        var found = new HashSet<String>();
        CLASSES.forEach(c -> topAppPackage(c.getPackageName()).ifPresent(found::add));
        assertThat(named).as("a new app package must be listed as a feature or as shared").containsAll(found);
    }

    /** Not yet given their threads by a {@link io.paypulse.threads.Workers}: this list only shrinks. */
    private static final Set<String> MAKE_THEIR_OWN_THREADS = Set.of();

    /** Threads are named and injected (issue 14 §4), so a test can check each has ended after stop. */
    @Test
    void threadsComeFromInjectedWorkers() {
        ThreadRules.threadsComeFromWorkers("io.paypulse.app..", MAKE_THEIR_OWN_THREADS).check(CLASSES);
    }

    private static String[] packages(Set<String> names) {
        return names.stream().map(n -> "io.paypulse.app." + n + "..").toArray(String[]::new);
    }

    private static Optional<String> topAppPackage(String pkg) {
        String prefix = "io.paypulse.app.";
        return pkg.startsWith(prefix) ? Optional.of(pkg.substring(prefix.length()).split("\\.")[0]) : Optional.empty();
    }

    private static SliceAssignment appPackages(Set<String> names) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                return topAppPackage(javaClass.getPackageName()).filter(names::contains)
                        .map(SliceIdentifier::of).orElse(SliceIdentifier.ignore());
            }

            @Override
            public String getDescription() {
                return "app feature packages " + new TreeSet<>(names);
            }
        };
    }
}
