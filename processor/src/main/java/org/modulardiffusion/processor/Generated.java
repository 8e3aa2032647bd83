package org.modulardiffusion.processor;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.TypeSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.lang.model.element.TypeElement;

/** What every generated class shares: its marking, the runtime types it uses, and how it is written. */
final class Generated {
  static final String CONFIG = "org.modulardiffusion.config";
  static final String INTERNAL = CONFIG + ".internal";
  static final ClassName CONFIG_NODE = ClassName.get(CONFIG, "ConfigNode");
  static final ClassName CONFIG_EXCEPTION = ClassName.get(CONFIG, "ConfigException");
  static final ClassName MODULE_BINDER = ClassName.get(INTERNAL, "ModuleBinder");
  static final ClassName MODULE_DESCRIPTOR = ClassName.get(INTERNAL, "ModuleDescriptor");
  static final ClassName PARAMETER_DESCRIPTOR = ClassName.get(INTERNAL, "ParameterDescriptor");
  static final ClassName MODULE_PROVIDER = ClassName.get(INTERNAL, "ModuleProvider");
  static final ClassName MODULE_REGISTRY = ClassName.get(CONFIG, "ModuleRegistry");
  static final ClassName MODULE_LOOKUP = ClassName.get(INTERNAL, "ModuleLookup");
  static final ClassName PRIMITIVES = ClassName.get(INTERNAL, "Primitives");
  static final ClassName CHECKS = ClassName.get(INTERNAL, "Checks");
  static final ClassName MODEL_ASSEMBLER = ClassName.get(CONFIG, "ModelAssembler");
  static final ClassName MODEL = ClassName.get("org.modulardiffusion.engine", "Model");

  private Generated() {}

  /** {@code @Generated} naming the processor, with no date, so that output is reproducible. */
  static AnnotationSpec annotation() {
    return AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
        .addMember("value", "$S", ModuleProcessor.class.getCanonicalName())
        .build();
  }

  /** The binder class of a module: {@code Foo_Binder}, {@code Outer_Inner_Binder} for a nested one. */
  static ClassName binder(TypeElement module) {
    return companion(module, "Binder");
  }

  /** The parameter checks of a module: {@code Foo_Parameters}, {@code Outer_Inner_Parameters} for a nested one. */
  static ClassName parameters(TypeElement module) {
    return companion(module, "Parameters");
  }

  private static ClassName companion(TypeElement module, String suffix) {
    ClassName name = ClassName.get(module);
    return ClassName.get(name.packageName(), String.join("_", name.simpleNames()) + "_" + suffix);
  }

  /** A new instance of each binder, as code: {@code new Foo_Binder()}. */
  static CodeBlock newBinder(TypeElement module) {
    return CodeBlock.of("new $T()", binder(module));
  }

  /** A double as a Java literal, with the infinities of {@code Double}. */
  static String literal(double value) {
    if (Double.isInfinite(value)) {
      return value > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
    }
    return Double.toString(value);
  }

  /** {@code List.of("a", "b")}. */
  static CodeBlock strings(List<String> values) {
    CodeBlock.Builder code = CodeBlock.builder().add("$T.of(", List.class);
    for (int i = 0; i < values.size(); i++) {
      code.add(i == 0 ? "$S" : ", $S", values.get(i));
    }
    return code.add(")").build();
  }

  /** Writes {@code type} into {@code packageName}. */
  static void write(Filer filer, String packageName, TypeSpec type) {
    try {
      JavaFile.builder(packageName, type).skipJavaLangImports(true).indent("  ").build().writeTo(filer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
