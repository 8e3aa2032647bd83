package org.modulardiffusion.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import org.modulardiffusion.annotation.ModuleConstructor;
import org.modulardiffusion.annotation.ModuleKind;

/**
 * Checks one class marked with a module annotation — its base type, visibility, concreteness and
 * binding constructor — and reads it into a {@link ModuleModel} when the report is clean.
 */
final class ModuleValidator {
  private final Elements elements;
  private final ModuleKinds kinds;
  private final ParameterValidator parameters;

  ModuleValidator(ProcessingEnvironment env, ModuleKinds kinds) {
    this.elements = env.getElementUtils();
    this.kinds = kinds;
    this.parameters = new ParameterValidator(env, kinds);
  }

  /** Validates {@code type} as a {@code kind} module; the model is present iff the report is clean. */
  Optional<ModuleModel> validate(TypeElement type, ModuleKind kind, Report report) {
    AnnotationMirror annotation = Mirrors.find(type, kind.annotation()).orElseThrow();
    if (!checkClass(type, kind, annotation, report)) {
      return Optional.empty();
    }
    checkRetired(type, kind, annotation, report);
    List<ModuleModel.Parameter> bound = new ArrayList<>();
    if (kind != ModuleKind.DISTRIBUTION) {
      constructor(type, report).filter(constructor -> named(constructor, type, report)).ifPresent(constructor -> {
        for (VariableElement parameter : constructor.getParameters()) {
          parameters.validate(parameter, type, report).ifPresent(bound::add);
        }
      });
    }
    if (!report.isClean()) {
      return Optional.empty();
    }
    String name = Mirrors.string(elements, annotation, "name");
    TypeMirror distribution = ModuleKinds.hasDistribution(kind)
        ? kinds.distribution(type.asType(), kind).orElseThrow()
        : null;
    return Optional.of(new ModuleModel(
        kind,
        name.isEmpty() ? Names.kebab(type.getSimpleName().toString()) : name,
        type,
        Javadoc.summary(elements.getDocComment(type)),
        bound,
        distribution,
        kind == ModuleKind.NOISE ? Mirrors.string(elements, annotation, "requires") : "",
        kind == ModuleKind.DATA ? Mirrors.string(elements, annotation, "produces") : ""));
  }

  /**
   * Reports the retired tags between samplers and noises, {@code @SamplerModule(requires = …)} and
   * {@code @NoiseModule(produces = …)}, on their values: what a sampler needs of its noise is now
   * its type, {@code SamplerNeeding<D, N>}, and a noise meets it by implementing N.
   */
  private void checkRetired(TypeElement type, ModuleKind kind, AnnotationMirror annotation, Report report) {
    String attribute = kind == ModuleKind.SAMPLER ? "requires" : kind == ModuleKind.NOISE ? "produces" : null;
    if (attribute == null) {
      return;
    }
    AnnotationValue value = Mirrors.value(elements, annotation, attribute);
    String tag = (String) value.getValue();
    if (!tag.isEmpty()) {
      report.error(type, annotation, value,
          kind == ModuleKind.SAMPLER ? Message.RETIRED_SAMPLER_REQUIRES : Message.RETIRED_NOISE_PRODUCES,
          tag, type.getSimpleName());
    }
  }

  private boolean checkClass(TypeElement type, ModuleKind kind, AnnotationMirror annotation, Report report) {
    String annotationName = kind.annotation().getSimpleName();
    TypeMirror base = kinds.base(kind).orElse(null);
    Optional<ModuleKind> actual = kinds.extended(type.asType());
    if (base == null || actual.isEmpty() || actual.get() != kind) {
      String is = actual.map(other -> simpleName(other.baseType()))
          .orElse(type.getKind() == ElementKind.INTERFACE ? "plain interface" : "plain class");
      String remedy = actual.map(other -> "mark it @" + other.annotation().getSimpleName() + " instead")
          .orElse("extend " + simpleName(kind.baseType()));
      report.error(type, annotation, null, Message.WRONG_BASE_TYPE,
          annotationName, type.getSimpleName(), simpleName(kind.baseType()), is, remedy);
      return false;
    }
    String name = type.getSimpleName().toString();
    if (!type.getModifiers().contains(Modifier.PUBLIC)) {
      report.error(type, Message.NOT_PUBLIC, name);
    } else if (type.getNestingKind() == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC)) {
      report.error(type, Message.INNER_CLASS, name);
    } else if (type.getModifiers().contains(Modifier.ABSTRACT) || type.getKind() != ElementKind.CLASS) {
      report.error(type, Message.ABSTRACT, name);
    }
    return report.isClean();
  }

  /** The one public constructor, or the public one marked {@link ModuleConstructor}. */
  private static Optional<ExecutableElement> constructor(TypeElement type, Report report) {
    List<ExecutableElement> candidates = ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
        .filter(constructor -> constructor.getModifiers().contains(Modifier.PUBLIC))
        .toList();
    List<ExecutableElement> marked = candidates.stream()
        .filter(constructor -> constructor.getAnnotation(ModuleConstructor.class) != null)
        .toList();
    String name = type.getSimpleName().toString();
    if (candidates.isEmpty()) {
      report.error(type, Message.NO_CONSTRUCTOR, name);
    } else if (marked.size() > 1) {
      report.error(marked.get(1), Message.MARKED_CONSTRUCTORS, name, marked.size());
    } else if (marked.size() == 1) {
      return Optional.of(marked.get(0));
    } else if (candidates.size() > 1) {
      report.error(type, Message.MANY_CONSTRUCTORS, name, candidates.size());
    } else {
      return Optional.of(candidates.get(0));
    }
    return Optional.empty();
  }

  /**
   * Whether the constructor's parameters have their names, the config's keys. A class file keeps
   * them only when compiled with {@code -parameters}; without, they read {@code arg0, arg1, …},
   * which are reported rather than bound.
   */
  private static boolean named(ExecutableElement constructor, TypeElement type, Report report) {
    List<? extends VariableElement> parameters = constructor.getParameters();
    for (int i = 0; i < parameters.size(); i++) {
      if (!parameters.get(i).getSimpleName().contentEquals("arg" + i)) {
        return true;
      }
    }
    if (!parameters.isEmpty()) {
      report.error(type, Message.UNNAMED_PARAMETERS, type.getQualifiedName(),
          parameters.stream().map(VariableElement::getSimpleName).toList());
    }
    return parameters.isEmpty();
  }

  private static String simpleName(String canonicalName) {
    return canonicalName.substring(canonicalName.lastIndexOf('.') + 1);
  }
}
