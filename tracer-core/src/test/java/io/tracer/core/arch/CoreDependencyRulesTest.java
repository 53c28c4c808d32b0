package io.tracer.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * tracer-core stays chain-neutral and offline (DESIGN.md): no bitcoinj, no web3j, no HTTP client,
 * no sockets. The adapters bring those.
 */
class CoreDependencyRulesTest {
  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tracer.core");
  }

  @Test
  void core_doesNotDependOnBitcoinj() {
    noClasses().should().dependOnClassesThat().resideInAPackage("org.bitcoinj..").check(core);
  }

  @Test
  void core_doesNotDependOnWeb3j() {
    noClasses().should().dependOnClassesThat().resideInAPackage("org.web3j..").check(core);
  }

  @Test
  void core_doesNotUseAnyHttpClientOrSocket() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("okhttp3..", "org.apache.http..", "java.net.http..", "io.netty..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.net.Socket")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.net.HttpURLConnection")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.net.URLConnection")
        .check(core);
  }

  @Test
  void core_classesExist_soTheRulesAreNotVacuous() {
    org.junit.jupiter.api.Assertions.assertTrue(
        core.contain("io.tracer.core.model.Address"), "ArchUnit imported no core classes");
  }
}
