package org.modulardiffusion.processor;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import com.squareup.javapoet.WildcardTypeName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.tools.StandardLocation;

/**
 * Generates the compilation's one {@code ModuleProvider}, which lists the binders of its modules,
 * and the {@code META-INF/services} file through which {@code ServiceLoader} finds it.
 */
final class ProviderGenerator {
  static final String SERVICES = "META-INF/services/" + Generated.MODULE_PROVIDER.canonicalName();

  private final Filer filer;

  ProviderGenerator(Filer filer) {
    this.filer = filer;
  }

  /**
   * The provider's name: the option's value, else {@code GeneratedModuleProvider_} and a hash of
   * the modules' names, in the longest package that all {@code modules} share. Two compilations
   * of other modules, such as a library's main and test sources, thus never write one class.
   */
  static ClassName name(String option, List<TypeElement> modules) {
    if (option != null && !option.isEmpty()) {
      return ClassName.bestGuess(option);
    }
    String common = null;
    List<String> names = new ArrayList<>();
    for (TypeElement module : modules) {
      String name = ClassName.get(module).packageName();
      common = common == null ? name : commonPackage(common, name);
      names.add(module.getQualifiedName().toString());
    }
    Collections.sort(names);
    return ClassName.get(common, "GeneratedModuleProvider_" + hash(String.join("\n", names)));
  }

  /** The first eight hex digits of the SHA-256 of {@code text}. */
  private static String hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return String.format(Locale.ROOT, "%02x%02x%02x%02x", digest[0], digest[1], digest[2], digest[3]);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static String commonPackage(String a, String b) {
    String[] left = a.split("\\.");
    String[] right = b.split("\\.");
    int n = 0;
    while (n < left.length && n < right.length && left[n].equals(right[n])) {
      n++;
    }
    return String.join(".", List.of(left).subList(0, n));
  }

  /** Writes the provider {@code name} of {@code modules}, given in registry order. */
  void generate(ClassName name, List<TypeElement> modules) {
    TypeName binders = ParameterizedTypeName.get(ClassName.get(List.class),
        ParameterizedTypeName.get(Generated.MODULE_BINDER, WildcardTypeName.subtypeOf(Object.class)));
    CodeBlock.Builder list = CodeBlock.builder().add("return $T.of(", List.class);
    for (int i = 0; i < modules.size(); i++) {
      list.add(i == 0 ? "\n$>$L" : ",\n$L", Generated.newBinder(modules.get(i)));
    }
    TypeSpec provider = TypeSpec.classBuilder(name)
        .addJavadoc("The modules of this compilation, for {@link $T}.\n", Generated.MODULE_REGISTRY)
        .addAnnotation(Generated.annotation())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(Generated.MODULE_PROVIDER)
        .addMethod(MethodSpec.methodBuilder("binders")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(binders)
            .addStatement(list.add(modules.isEmpty() ? ")" : "$<)").build())
            .build())
        .build();
    Generated.write(filer, name.packageName(), provider);
  }

  /** Writes the services file naming {@code name}. */
  void writeServices(ClassName name) {
    try (Writer writer = filer.createResource(StandardLocation.CLASS_OUTPUT, "", SERVICES).openWriter()) {
      writer.write(name.reflectionName() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
