package org.modulardiffusion;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The layout that {@code docs/architecture.md} draws, pinned: its table says which packages each
 * package may use, and every class of annotations, runtime and these modules keeps to it, with
 * no packages that use each other in a cycle.
 */
class ArchitectureTest {
  private static final String ROOT = "org.modulardiffusion";
  private static final Layout LAYOUT = Layout.read(Path.of("..", "docs", "architecture.md"));
  private static final JavaClasses CLASSES =
      new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);

  @Test
  void everyPackageHasARow() {
    Set<String> missing = new TreeSet<>();
    CLASSES.forEach(type -> missing.add(packageOf(type)));
    missing.removeAll(LAYOUT.mayUse().keySet());
    assertEquals(Set.of(), missing, "packages without a row in the table of docs/architecture.md");
  }

  @Test
  void everyClassUsesOnlyWhatItsPackageMay() {
    classes().should(keepToTheTable()).check(CLASSES);
  }

  @Test
  void noPackagesUseEachOtherInACycle() {
    SliceRule rule = slices().matching(ROOT + ".(**)").should().beFreeOfCycles();
    for (Map.Entry<String, Set<String>> row : LAYOUT.mayUseClasses().entrySet()) {
      rule = rule.ignoreDependency(
          DescribedPredicate.describe("a class of " + row.getKey(), type -> packageOf(type).equals(row.getKey())),
          DescribedPredicate.describe("one of " + row.getValue(), type -> row.getValue().contains(topLevel(type))));
    }
    rule.check(CLASSES);
  }

  private static ArchCondition<JavaClass> keepToTheTable() {
    return new ArchCondition<>("use only what the table of docs/architecture.md lets their package use") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
          JavaClass target = dependency.getTargetClass().getBaseComponentType();
          if (inProject(target) && !LAYOUT.allows(origin, target)) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
          }
        }
      }
    };
  }

  private static boolean inProject(JavaClass type) {
    return type.getPackageName().equals(ROOT) || type.getPackageName().startsWith(ROOT + ".");
  }

  /** The package of {@code type} without the root: {@code config.internal}, or the root's own name. */
  private static String packageOf(JavaClass type) {
    String name = type.getPackageName();
    return name.startsWith(ROOT + ".") ? name.substring(ROOT.length() + 1) : name;
  }

  /** The name of {@code type}'s outermost class. */
  private static String topLevel(JavaClass type) {
    return type.getName().split("\\$")[0];
  }

  /**
   * The table of docs/architecture.md: for each package the packages and classes it may use, and
   * what the code the processor generates (classes named with {@code generatedSuffixes}) may use
   * besides what its package may.
   */
  private record Layout(
      Map<String, Set<String>> mayUse,
      Map<String, Set<String>> mayUseClasses,
      List<String> generatedSuffixes,
      Set<String> generatedMayUse) {
    private static final Pattern NAME = Pattern.compile("`([^`]+)`");

    static Layout read(Path doc) {
      List<String> lines;
      try {
        lines = Files.readAllLines(doc);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + doc.toAbsolutePath(), e);
      }
      int header = lines.indexOf("| Package | Module | Holds | May use |");
      if (header < 0) {
        throw new IllegalStateException(doc + " has no table | Package | Module | Holds | May use |");
      }
      Layout layout = new Layout(new HashMap<>(), new HashMap<>(), new ArrayList<>(), new HashSet<>());
      for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
        String[] cells = lines.get(i).split("\\|");
        List<String> rows = names(cells[1]);
        List<String> uses = names(cells[cells.length - 1]);
        if (rows.get(0).startsWith("*")) {
          rows.forEach(suffix -> layout.generatedSuffixes().add(suffix.substring(1)));
          layout.generatedMayUse().addAll(uses);
          continue;
        }
        for (String row : rows) {
          String name = relative(row);
          Set<String> packages = layout.mayUse().computeIfAbsent(name, k -> new HashSet<>());
          for (String use : uses) {
            String last = use.substring(use.lastIndexOf('.') + 1);
            if (Character.isUpperCase(last.charAt(0))) {
              layout.mayUseClasses().computeIfAbsent(name, k -> new HashSet<>()).add(ROOT + "." + use);
            } else {
              packages.add(relative(use));
            }
          }
        }
      }
      return layout;
    }

    private static List<String> names(String cell) {
      List<String> names = new ArrayList<>();
      Matcher name = NAME.matcher(cell);
      while (name.find()) {
        names.add(name.group(1));
      }
      return names;
    }

    private static String relative(String name) {
      return name.startsWith(ROOT + ".") ? name.substring(ROOT.length() + 1) : name;
    }

    /** Whether the table lets {@code origin} use {@code target}, a class of the project. */
    boolean allows(JavaClass origin, JavaClass target) {
      String from = packageOf(origin);
      String to = packageOf(target);
      return from.equals(to)
          || mayUse.getOrDefault(from, Set.of()).contains(to)
          || mayUseClasses.getOrDefault(from, Set.of()).contains(topLevel(target))
          || generatedSuffixes.stream().anyMatch(topLevel(origin)::endsWith) && generatedMayUse.contains(to);
    }
  }
}
