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
import java.util.Map;
import javax.annotation.processing.Filer;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
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
    CodeBlock.Builder pinned = CodeBlock.builder().add("$T.of(", Map.class);
    boolean first = true;
    for (Map.Entry<ModuleKind, ExecutableElement> slot : spec.slots().entrySet()) {
      TypeElement module = (TypeElement) ((DeclaredType) slot.getValue().getReturnType()).asElement();
      pinned.add(first ? "\n$>$>$T.$L, $L" : ",\n$T.$L, $L", ModuleKind.class, slot.getKey().name(),
          Generated.newBinder(module));
      first = false;
    }
    TypeName classes = ParameterizedTypeName.get(ClassName.get(Map.class), ClassName.get(ModuleKind.class),
        ParameterizedTypeName.get(ClassName.get(Class.class), WildcardTypeName.subtypeOf(Object.class)));
    CodeBlock.Builder resolved = CodeBlock.builder().add("$T.of(", Map.class);
    first = true;
    for (Map.Entry<ModuleKind, ExecutableElement> slot : spec.slots().entrySet()) {
      TypeMirror distribution = kinds.distribution(slot.getValue().getReturnType(), slot.getKey()).orElse(null);
      if (distribution != null && !kinds.isGeneric(distribution)) {
        resolved.add(first ? "\n$>$>$T.$L, $T.class" : ",\n$T.$L, $T.class", ModuleKind.class, slot.getKey().name(),
            TypeName.get(types.erasure(distribution)));
        first = false;
      }
    }
    TypeSpec factory = TypeSpec.classBuilder(name)
        .addJavadoc("Creates models of the spec {@link $T}: its modules, with parameters from a config.\n", specName)
        .addAnnotation(Generated.annotation())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addField(FieldSpec.builder(modules, "MODULES", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer(pinned.add("$<$<)").build())
            .build())
        .addField(FieldSpec.builder(classes, "DISTRIBUTIONS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("The distribution of each slot, as the spec's type arguments resolve it.\n")
            .initializer(resolved.add(first ? ")" : "$<$<)").build())
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
}
