package org.modulardiffusion.processor;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;
import org.modulardiffusion.annotation.DiffusionModel;
import org.modulardiffusion.annotation.ModelRule;
import org.modulardiffusion.annotation.ModuleKind;
import org.modulardiffusion.annotation.ModuleKind.Presence;
import org.modulardiffusion.annotation.NoiseModule;
import org.modulardiffusion.annotation.DataModule;

/**
 * Checks a {@link DiffusionModel} spec: an interface with one method per slot, each returning a
 * module type, where the modules follow the {@link ModelRule}s together.
 */
final class SpecValidator {
  /** Marks a schedule that leaves no signal at T. */
  private static final String ZERO_TERMINAL = "org.modulardiffusion.base.ZeroTerminalSnr";
  /** Marks a noise whose net predicts epsilon by its type. */
  private static final String PREDICTS_EPSILON = "org.modulardiffusion.base.PredictsEpsilon";

  private final Types types;
  private final ModuleKinds kinds;
  private final Optional<TypeMirror> zeroTerminal;
  private final Optional<TypeMirror> predictsEpsilon;

  SpecValidator(ProcessingEnvironment env, ModuleKinds kinds) {
    this.types = env.getTypeUtils();
    this.kinds = kinds;
    this.zeroTerminal = Optional.ofNullable(env.getElementUtils().getTypeElement(ZERO_TERMINAL)).map(e -> e.asType());
    this.predictsEpsilon =
        Optional.ofNullable(env.getElementUtils().getTypeElement(PREDICTS_EPSILON)).map(e -> e.asType());
  }

  /** A valid spec: its slots, and the distribution its noise produces. */
  record Spec(TypeElement type, Map<ModuleKind, ExecutableElement> slots, TypeMirror distribution) {}

  /** Validates {@code spec}; the result is present iff the report is clean. */
  Optional<Spec> validate(TypeElement spec, Report report) {
    if (spec.getKind() != ElementKind.INTERFACE) {
      report.error(spec, Message.SPEC_NOT_INTERFACE, spec.getSimpleName());
      return Optional.empty();
    }
    String name = "model " + spec.getSimpleName();
    Map<ModuleKind, ExecutableElement> slots = new EnumMap<>(ModuleKind.class);
    for (ExecutableElement method : ElementFilter.methodsIn(spec.getEnclosedElements())) {
      if (!method.getModifiers().contains(Modifier.ABSTRACT)) {
        continue;
      }
      String methodName = method.getSimpleName() + "()";
      Optional<ModuleKind> kind = kinds.kindOf(method.getReturnType())
          .filter(k -> k.presence() != Presence.NONE)
          .filter(k -> ModuleKinds.annotated(element(method)).isPresent());
      if (!method.getParameters().isEmpty()) {
        report.error(method, Message.SPEC_METHOD_PARAMETERS, methodName, spec.getSimpleName());
      } else if (kind.isEmpty()) {
        report.error(method, Message.SPEC_METHOD_NOT_MODULE, methodName, spec.getSimpleName(), Names.display(method.getReturnType()));
      } else if (slots.containsKey(kind.get())) {
        report.error(method, ModelRule.SLOT_ONCE.message(name, kind.get().key(),
            display(slots.get(kind.get())), display(method)));
      } else {
        slots.put(kind.get(), method);
      }
    }
    for (ModuleKind kind : ModuleKind.values()) {
      if (kind.presence() == Presence.MODEL && !slots.containsKey(kind)) {
        report.error(spec, ModelRule.SLOT_PRESENT.message(name, kind.key(),
            "add a method returning a @" + kind.annotation().getSimpleName() + " class"));
      }
    }
    if (!report.isClean()) {
      return Optional.empty();
    }
    TypeMirror produced = kinds.distribution(slots.get(ModuleKind.NOISE).getReturnType(), ModuleKind.NOISE).orElseThrow();
    checkLoss(slots, produced, report);
    checkSampler(slots, produced, report);
    checkData(slots, report);
    checkSchedule(slots, report);
    return report.isClean() ? Optional.of(new Spec(spec, slots, produced)) : Optional.empty();
  }

  private void checkLoss(Map<ModuleKind, ExecutableElement> slots, TypeMirror produced, Report report) {
    ExecutableElement loss = slots.get(ModuleKind.LOSS);
    TypeMirror trained = kinds.distribution(loss.getReturnType(), ModuleKind.LOSS).orElseThrow();
    if (!fits(produced, trained) || !kinds.isGeneric(trained) && !types.isSubtype(produced, trained)) {
      report.error(loss, ModelRule.LOSS_TRAINS_NOISE.message(
          display(loss), display(slots.get(ModuleKind.NOISE)), Names.display(produced)));
    }
  }

  private void checkSampler(Map<ModuleKind, ExecutableElement> slots, TypeMirror produced, Report report) {
    ExecutableElement sampler = slots.get(ModuleKind.SAMPLER);
    if (sampler == null) {
      return;
    }
    ExecutableElement noise = slots.get(ModuleKind.NOISE);
    TypeMirror walked = kinds.distribution(sampler.getReturnType(), ModuleKind.SAMPLER).orElseThrow();
    Optional<TypeMirror> need = kinds.need(sampler.getReturnType());
    if (!fits(produced, walked) || !kinds.isGeneric(walked) && !types.isSameType(produced, walked)) {
      report.error(sampler, ModelRule.SAMPLER_WALKS_NOISE.message(display(sampler),
          Names.display(kinds.erasedBound(walked)), display(noise), Names.display(produced)));
    } else if (need.isPresent() && !types.isSubtype(types.erasure(noise.getReturnType()), need.get())) {
      report.error(sampler, ModelRule.SAMPLER_FITS_NOISE.message(
          display(sampler), Names.display(need.get()), display(noise)));
    }
  }

  private void checkData(Map<ModuleKind, ExecutableElement> slots, Report report) {
    ExecutableElement data = slots.get(ModuleKind.DATA);
    ExecutableElement noise = slots.get(ModuleKind.NOISE);
    String requires = element(noise).getAnnotation(NoiseModule.class).requires();
    if (data == null || requires.isEmpty()) {
      return;
    }
    String produces = element(data).getAnnotation(DataModule.class).produces();
    if (!requires.equals(produces)) {
      report.error(data, ModelRule.DATA_FITS_NOISE.message(
          display(noise), requires, display(data), ModelRule.representation(produces)));
    }
  }

  /**
   * A schedule that leaves no signal at T with a noise whose type says its net predicts epsilon; a
   * noise whose prediction is a parameter is checked at run time, when the parameter is known.
   */
  private void checkSchedule(Map<ModuleKind, ExecutableElement> slots, Report report) {
    ExecutableElement schedule = slots.get(ModuleKind.SCHEDULE);
    ExecutableElement noise = slots.get(ModuleKind.NOISE);
    if (zeroTerminal.isPresent() && predictsEpsilon.isPresent()
        && types.isSubtype(types.erasure(schedule.getReturnType()), zeroTerminal.get())
        && types.isSubtype(types.erasure(noise.getReturnType()), predictsEpsilon.get())) {
      report.error(schedule, ModelRule.SCHEDULE_FITS_NOISE.message(display(schedule), display(noise)));
    }
  }

  /** Whether {@code produced} lies within the bound of the module's D. */
  private boolean fits(TypeMirror produced, TypeMirror distribution) {
    return types.isSubtype(types.erasure(produced), kinds.erasedBound(distribution));
  }

  private static TypeElement element(ExecutableElement method) {
    return (TypeElement) ((DeclaredType) method.getReturnType()).asElement();
  }

  private static String display(ExecutableElement method) {
    return Names.display(method.getReturnType());
  }
}
