package org.modulardiffusion.processor;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import com.squareup.javapoet.WildcardTypeName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Modifier;
import org.modulardiffusion.annotation.ModuleKind;
import org.modulardiffusion.processor.ParameterType.Choice;
import org.modulardiffusion.processor.ParameterType.Sequence;

/**
 * Generates {@code Foo_Binder} for a module {@code Foo}: its descriptor, and a {@code bind} that
 * converts each parameter from the config with its default, range and choices, rejecting
 * unknown keys.
 */
final class BinderGenerator {
  private final Filer filer;
  private final ModuleKinds kinds;

  BinderGenerator(Filer filer, ModuleKinds kinds) {
    this.filer = filer;
    this.kinds = kinds;
  }

  /** Writes the binder of {@code module}. */
  void generate(ModuleModel module) {
    ClassName name = Generated.binder(module.type());
    TypeName moduleType = moduleType(module);
    String owner = module.kind().key() + " " + module.name();
    TypeSpec binder = TypeSpec.classBuilder(name)
        .addJavadoc("Binds {@link $T}, the $L {@code $L}, from a config section.\n", ClassName.get(module.type()),
            module.kind().key(), module.name())
        .addAnnotation(Generated.annotation())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(ParameterizedTypeName.get(Generated.MODULE_BINDER, moduleType))
        .addField(FieldSpec.builder(Generated.MODULE_DESCRIPTOR, "DESCRIPTOR",
                Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer(descriptor(module)).build())
        .addField(FieldSpec.builder(
                ParameterizedTypeName.get(List.class, String.class), "KEYS",
                Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer(keys(module)).build())
        .addMethod(MethodSpec.methodBuilder("descriptor")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(Generated.MODULE_DESCRIPTOR)
            .addStatement("return DESCRIPTOR")
            .build())
        .addMethod(MethodSpec.methodBuilder("bind")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(moduleType)
            .addParameter(Generated.CONFIG_NODE, "section")
            .addParameter(Generated.MODULE_LOOKUP, "registry")
            .addStatement("section.checkKeys(KEYS, $S)", owner)
            .addComment("A constructor's own checks, such as one parameter against another, get the section's path.")
            .beginControlFlow("try")
            .addStatement("return new $T$L($L)", ClassName.get(module.type()),
                module.type().getTypeParameters().isEmpty() ? "" : "<>", arguments(module, owner))
            .nextControlFlow("catch ($T e)", IllegalArgumentException.class)
            .addStatement("throw new $T(section.path(), e.getMessage())", Generated.CONFIG_EXCEPTION)
            .endControlFlow()
            .build())
        .build();
    Generated.write(filer, name.packageName(), binder);
  }

  /** The module type, with wildcards for a generic module's type parameters. */
  private static TypeName moduleType(ModuleModel module) {
    ClassName raw = ClassName.get(module.type());
    int count = module.type().getTypeParameters().size();
    if (count == 0) {
      return raw;
    }
    TypeName[] wildcards = new TypeName[count];
    Arrays.fill(wildcards, WildcardTypeName.subtypeOf(Object.class));
    return ParameterizedTypeName.get(raw, wildcards);
  }

  private CodeBlock descriptor(ModuleModel module) {
    CodeBlock.Builder parameters = CodeBlock.builder();
    for (ModuleModel.Parameter parameter : module.parameters()) {
      parameters.add(parameters.isEmpty() ? "\n" : ",\n").add("new $T($S, $S, $L, $L, $L, $L, $S)",
          Generated.PARAMETER_DESCRIPTOR, parameter.name(), parameter.type().display(),
          parameter.defaultValue() == null ? "null" : CodeBlock.of("$S", parameter.defaultValue()),
          Generated.literal(parameter.restrictions().min()), Generated.literal(parameter.restrictions().max()),
          Generated.strings(choices(parameter)), parameter.description());
    }
    CodeBlock distribution = module.distribution() == null
        ? CodeBlock.of("null")
        : CodeBlock.of("$T.class", TypeName.get(kinds.erasedBound(module.distribution())));
    boolean generic = module.distribution() != null && kinds.isGeneric(module.distribution());
    return CodeBlock.builder()
        .add("new $T(\n$>$>$T.$L,\n$S,\n$T.class,\n$S,\n", Generated.MODULE_DESCRIPTOR, ModuleKind.class,
            module.kind().name(), module.name(), ClassName.get(module.type()), module.description())
        .add("$T.of($>$L$<),\n", List.class, parameters.build())
        .add("$L,\n$L,\n$S,\n$S)$<$<", distribution, generic, module.requires(), module.produces())
        .build();
  }

  private static List<String> choices(ModuleModel.Parameter parameter) {
    if (!parameter.restrictions().oneOf().isEmpty()) {
      return parameter.restrictions().oneOf();
    }
    ParameterType element = parameter.type() instanceof Sequence sequence ? sequence.element() : parameter.type();
    return element instanceof Choice choice ? choice.constants() : List.of();
  }

  private static CodeBlock keys(ModuleModel module) {
    List<String> keys = new ArrayList<>(List.of("type"));
    module.parameters().forEach(parameter -> keys.add(parameter.name()));
    return Generated.strings(keys);
  }

  private CodeBlock arguments(ModuleModel module, String owner) {
    CodeBlock.Builder arguments = CodeBlock.builder();
    for (ModuleModel.Parameter parameter : module.parameters()) {
      CodeBlock node = parameter.defaultValue() == null
          ? CodeBlock.of("section.require($S, $S)", parameter.name(), owner)
          : CodeBlock.of("section.get($S, $S)", parameter.name(), parameter.defaultValue());
      arguments.add(arguments.isEmpty() ? "\n$>" : ",\n").add(parameter.type().convert(node, parameter.restrictions()));
    }
    return arguments.isEmpty() ? arguments.build() : arguments.add("$<").build();
  }
}
