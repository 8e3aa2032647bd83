package org.modulardiffusion.processor;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import com.squareup.javapoet.WildcardTypeName;
import java.util.EnumMap;
import java.util.Map;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.util.Types;
import org.modulardiffusion.annotation.ModuleKind;

/**
 * Generates {@code XxxFactory} for a {@code @DiffusionModel} spec {@code Xxx}: a typed
 * {@code Model<D> create(config)} that assembles the spec's modules with the config's parameters.
 */
final class FactoryGenerator {
  private final Filer filer;
  private final Types types;
  private final ModuleKinds kinds;

  FactoryGenerator(Filer filer, Types types, ModuleKinds kinds) {
    this.filer = filer;
    this.types = types;
    this.kinds = kinds;
  }

  /** Writes the factory of {@code spec}. */
  void generate(SpecValidator.Spec spec) {
    ClassName specName = ClassName.get(spec.type());
    ClassName name = ClassName.get(specName.packageName(), String.join("_", specName.simpleNames()) + "Factory");
    TypeName model = ParameterizedTypeName.get(Generated.MODEL, kinds.isGeneric(spec.distribution())
        ? WildcardTypeName.subtypeOf(Object.class)
        : TypeName.get(spec.distribution()));
    TypeName modules = ParameterizedTypeName.get(ClassName.get(Map.class), ClassName.get(ModuleKind.class),
        ParameterizedTypeName.get(Generated.MODULE_BINDER, WildcardTypeName.subtypeOf(Object.class)));
    TypeName classes = ParameterizedTypeName.get(ClassName.get(Map.class), ClassName.get(ModuleKind.class),
        ParameterizedTypeName.get(ClassName.get(Class.class), WildcardTypeName.subtypeOf(Object.class)));
    Map<ModuleKind, CodeBlock> pinned = new EnumMap<>(ModuleKind.class);
    Map<ModuleKind, CodeBlock> resolved = new EnumMap<>(ModuleKind.class);
    spec.slots().forEach((kind, method) -> {
      pinned.put(kind, Generated.newBinder((TypeElement) ((DeclaredType) method.getReturnType()).asElement()));
      kinds.distribution(method.getReturnType(), kind)
          .filter(distribution -> !kinds.isGeneric(distribution))
          .ifPresent(distribution -> resolved.put(kind, CodeBlock.of("$T.class", types.erasure(distribution))));
    });
    TypeSpec factory = TypeSpec.classBuilder(name)
        .addJavadoc("Creates models of the spec {@link $T}: its modules, with parameters from a config.\n", specName)
        .addAnnotation(Generated.annotation())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addField(FieldSpec.builder(modules, "MODULES", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer(mapOf(pinned))
            .build())
        .addField(FieldSpec.builder(classes, "DISTRIBUTIONS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("The distribution of each slot, as the spec's type arguments resolve it.\n")
            .initializer(mapOf(resolved))
            .build())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
        .addMethod(MethodSpec.methodBuilder("create")
            .addJavadoc("The model that {@code config} describes; modules it adds come from the class path.\n")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(model)
            .addParameter(Generated.CONFIG_NODE, "config")
            .addStatement("return create(config, $T.load($T.class.getClassLoader()))", Generated.MODULE_REGISTRY, name)
            .build())
        .addMethod(MethodSpec.methodBuilder("create")
            .addJavadoc("The model that {@code config} describes; modules it adds come from {@code registry}.\n")
            .addAnnotation(AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "unchecked").build())
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(model)
            .addParameter(Generated.CONFIG_NODE, "config")
            .addParameter(Generated.MODULE_REGISTRY, "registry")
            .addComment("The processor checked that the spec's modules fit $L.", Names.display(spec.distribution()))
            .addStatement("return ($T) new $T(registry).assemble(config, MODULES, DISTRIBUTIONS)", model, Generated.MODEL_ASSEMBLER)
            .build())
        .build();
    Generated.write(filer, name.packageName(), factory);
  }

  /** {@code Map.of(ModuleKind.NOISE, value, …)}, one entry a line. */
  private static CodeBlock mapOf(Map<ModuleKind, CodeBlock> entries) {
    CodeBlock.Builder code = CodeBlock.builder().add("$T.of(", Map.class);
    String separator = "\n$>$>";
    for (Map.Entry<ModuleKind, CodeBlock> entry : entries.entrySet()) {
      code.add(separator + "$T.$L, $L", ModuleKind.class, entry.getKey().name(), entry.getValue());
      separator = ",\n";
    }
    return code.add(entries.isEmpty() ? ")" : "$<$<)").build();
  }
}
