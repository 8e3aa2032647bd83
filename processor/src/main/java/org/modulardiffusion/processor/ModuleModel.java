package org.modulardiffusion.processor;

import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import org.modulardiffusion.annotation.ModuleKind;
import org.modulardiffusion.processor.ParameterType.Restrictions;

/**
 * A validated module, everything its binder needs.
 *
 * @param kind the module's kind
 * @param name the registry name
 * @param type the module class
 * @param description the first sentence of the class's Javadoc, or empty
 * @param parameters the binding constructor's parameters
 * @param distribution D for a noise, loss or sampler (a type variable when generic), else null
 * @param requires the representation a noise needs of its data, or empty
 * @param produces the representation a data transform produces, or empty
 */
record ModuleModel(
    ModuleKind kind,
    String name,
    TypeElement type,
    String description,
    List<Parameter> parameters,
    TypeMirror distribution,
    String requires,
    String produces) {

  /**
   * A constructor parameter bound from the config key of its name.
   *
   * @param defaultValue the default as written in a config, or null when required
   */
  record Parameter(
      VariableElement element,
      ParameterType type,
      String defaultValue,
      Restrictions restrictions,
      String description) {

    String name() {
      return element.getSimpleName().toString();
    }
  }
}
