package org.modulardiffusion.processor;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.NameAllocator;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Modifier;

/**
 * Generates {@code Foo_Parameters} for a module {@code Foo} whose {@code @Param}s restrict some of
 * its parameters: a {@code check} of those arguments, in the constructor's order, which the
 * constructor calls first. A module built in Java thus meets the ranges and choices that the
 * binder holds a config to, and each is stated once, in its {@code @Param}.
 */
final class ParametersGenerator {
  private final Filer filer;

  ParametersGenerator(Filer filer) {
    this.filer = filer;
  }

  /** Writes the checks of {@code module}, if any of its parameters is restricted. */
  void generate(ModuleModel module) {
    NameAllocator names = new NameAllocator();
    module.parameters().forEach(parameter -> names.newName(parameter.name(), parameter));
    String index = names.newName("i");
    // Each restricted parameter's check, in the constructor's order; a free parameter's is empty.
    Map<ModuleModel.Parameter, CodeBlock> checks = new LinkedHashMap<>();
    for (ModuleModel.Parameter parameter : module.parameters()) {
      CodeBlock code = parameter.type().check(parameter.name(), index, parameter.restrictions());
      if (!code.isEmpty()) {
        checks.put(parameter, code);
      }
    }
    if (checks.isEmpty()) {
      return;
    }
    ClassName moduleName = ClassName.get(module.type());
    MethodSpec.Builder check = MethodSpec.methodBuilder("check")
        .addJavadoc("Checks the arguments of {@link $T}'s constructor that its {@code @Param}s restrict.\n\n",
            moduleName)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC);
    CodeBlock.Builder body = CodeBlock.builder();
    checks.forEach((parameter, code) -> {
      check.addParameter(TypeName.get(parameter.element().asType()), parameter.name());
      if (!parameter.description().isEmpty()) {
        check.addJavadoc("@param $L $L\n", parameter.name(), parameter.description());
      }
      body.add(code);
    });
    check.addJavadoc("@throws IllegalArgumentException naming the first argument out of its range or choices\n");
    ClassName name = Generated.parameters(module.type());
    TypeSpec parameters = TypeSpec.classBuilder(name)
        .addJavadoc("The ranges and choices of {@link $T}'s parameters; its constructor calls {@link #check} first.\n",
            moduleName)
        .addAnnotation(Generated.annotation())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
        .addMethod(check.addCode(body.build()).build())
        .build();
    Generated.write(filer, name.packageName(), parameters);
  }
}
