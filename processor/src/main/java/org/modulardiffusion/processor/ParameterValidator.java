package org.modulardiffusion.processor;

import java.util.List;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;
import org.modulardiffusion.annotation.Param;
import org.modulardiffusion.processor.ParameterType.Choice;
import org.modulardiffusion.processor.ParameterType.Module;
import org.modulardiffusion.processor.ParameterType.Restrictions;
import org.modulardiffusion.processor.ParameterType.Scalar;
import org.modulardiffusion.processor.ParameterType.Sequence;
import org.modulardiffusion.processor.ParameterType.Text;

/**
 * Checks one constructor parameter of a module: that a config can give its type, and that its
 * {@link Param} metadata holds together — a range on numbers with min at most max, oneOf naming
 * enum constants, and a default that parses to the type within the range and choices.
 */
final class ParameterValidator {
  private final ProcessingEnvironment env;
  private final ModuleKinds kinds;

  ParameterValidator(ProcessingEnvironment env, ModuleKinds kinds) {
    this.env = env;
    this.kinds = kinds;
  }

  /** Validates {@code parameter} of {@code module}; the model is present iff nothing was reported. */
  Optional<ModuleModel.Parameter> validate(VariableElement parameter, TypeElement module, Report report) {
    String label = module.getSimpleName() + "." + parameter.getSimpleName();
    Optional<ParameterType> bindable = ParameterType.of(parameter.asType(), env.getTypeUtils(), kinds);
    if (bindable.isEmpty()) {
      report.error(parameter, Message.UNBINDABLE,
          parameter.getSimpleName(), module.getSimpleName(), Names.display(parameter.asType()));
      return Optional.empty();
    }
    ParameterType type = bindable.get();
    Optional<AnnotationMirror> mirror = Mirrors.find(parameter, Param.class);
    if (mirror.isEmpty()) {
      return Optional.of(new ModuleModel.Parameter(
          parameter, type, null, new Restrictions(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, List.of()), ""));
    }
    Checks checks = new Checks(env.getElementUtils(), parameter, mirror.get(), label, report);
    Param param = parameter.getAnnotation(Param.class);
    Restrictions restrictions = new Restrictions(param.min(), param.max(), List.of(param.oneOf()));
    boolean valid = checks.range(type, restrictions) & checks.oneOf(type, restrictions.oneOf());
    if (valid && !param.defaultValue().isEmpty()) {
      valid = checks.defaultValue(type, param.defaultValue(), restrictions);
    }
    return valid
        ? Optional.of(new ModuleModel.Parameter(parameter, type,
            param.defaultValue().isEmpty() ? null : param.defaultValue(), restrictions, param.description()))
        : Optional.empty();
  }

  /** The checks of one {@code @Param}, each reporting on the annotation value at fault. */
  private record Checks(Elements elements, VariableElement parameter, AnnotationMirror mirror, String label, Report report) {

    boolean range(ParameterType type, Restrictions restrictions) {
      if (!restrictions.hasRange()) {
        return true;
      }
      if (!(element(type) instanceof Scalar scalar && scalar.isNumber())) {
        return fail("min", Message.RANGE_ON_NON_NUMBER, label, type.display());
      }
      if (restrictions.min() > restrictions.max()) {
        return fail("min", Message.MIN_ABOVE_MAX,
            label, Names.number(restrictions.min()), Names.number(restrictions.max()));
      }
      return true;
    }

    boolean oneOf(ParameterType type, List<String> oneOf) {
      if (oneOf.isEmpty() || element(type) instanceof Text) {
        return true;
      }
      if (!(element(type) instanceof Choice choice)) {
        return fail("oneOf", Message.ONE_OF_ON_WRONG_TYPE, label, type.display());
      }
      for (String value : oneOf) {
        if (!choice.constants().contains(value)) {
          return fail("oneOf", Message.ONE_OF_NOT_CONSTANT, value, label, choice.display(), choice.constants());
        }
      }
      return true;
    }

    boolean defaultValue(ParameterType type, String text, Restrictions restrictions) {
      if (type instanceof Module) {
        return fail("defaultValue", Message.DEFAULT_ON_MODULE, label, type.display());
      }
      if (!(type instanceof Sequence sequence)) {
        return scalar(type, text, restrictions);
      }
      String trimmed = text.strip();
      if (!trimmed.startsWith("[") || !trimmed.endsWith("]")) {
        return fail("defaultValue", Message.DEFAULT_UNPARSABLE, text, label, "a list", "[1, 2]");
      }
      String inner = trimmed.substring(1, trimmed.length() - 1).strip();
      List<String> values = inner.isEmpty() ? List.of() : List.of(inner.split(","));
      boolean valid = true;
      for (String value : values) {
        valid &= scalar(sequence.element(), value.strip(), restrictions);
      }
      return valid;
    }

    private boolean scalar(ParameterType type, String text, Restrictions restrictions) {
      if (type instanceof Choice choice) {
        List<String> allowed = restrictions.oneOf().isEmpty() ? choice.constants() : restrictions.oneOf();
        return allowed.contains(text) || fail("defaultValue", Message.DEFAULT_NOT_ONE_OF, text, label, allowed);
      }
      if (type instanceof Text) {
        return restrictions.oneOf().isEmpty() || restrictions.oneOf().contains(text)
            || fail("defaultValue", Message.DEFAULT_NOT_ONE_OF, text, label, restrictions.oneOf());
      }
      Scalar scalar = (Scalar) type;
      switch (scalar.kind()) {
        case BOOLEAN:
          return text.equals("true") || text.equals("false")
              || fail("defaultValue", Message.DEFAULT_UNPARSABLE, text, label, "true or false", "true");
        case CHAR:
          return text.length() == 1
              || fail("defaultValue", Message.DEFAULT_UNPARSABLE, text, label, "a single character", "a");
        default:
          break;
      }
      double value;
      try {
        value = scalar.isIntegral() ? Long.parseLong(text) : Double.parseDouble(text);
      } catch (NumberFormatException e) {
        return scalar.isIntegral()
            ? fail("defaultValue", Message.DEFAULT_UNPARSABLE, text, label, "an integer", "1")
            : fail("defaultValue", Message.DEFAULT_UNPARSABLE, text, label, "a number", "0.5");
      }
      if (value < restrictions.min() || value > restrictions.max()) {
        return fail("defaultValue", Message.DEFAULT_OUT_OF_RANGE,
            text, label, Names.number(restrictions.min()), Names.number(restrictions.max()));
      }
      return true;
    }

    private static ParameterType element(ParameterType type) {
      return type instanceof Sequence sequence ? sequence.element() : type;
    }

    private boolean fail(String attribute, Message message, Object... arguments) {
      report.error(parameter, mirror, Mirrors.value(elements, mirror, attribute), message, arguments);
      return false;
    }
  }
}
