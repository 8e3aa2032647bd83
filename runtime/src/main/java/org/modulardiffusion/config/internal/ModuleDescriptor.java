package org.modulardiffusion.config.internal;

import java.util.List;
import org.modulardiffusion.annotation.ModuleKind;

/**
 * What a module is, as the processor saw it: enough to list it, to bind it and to check, before
 * any tensor exists, that it fits the other modules of a model.
 *
 * @param kind the module's kind
 * @param name the registry name, the {@code type} of a config
 * @param type the module class
 * @param description the first sentence of the class's Javadoc, or empty
 * @param parameters the constructor's parameters, in order
 * @param distribution for a distribution, noise, loss or sampler: the distribution type D it
 *     works with, or its bound when the module is generic in D; {@code null} for other kinds
 * @param generic whether the module is generic in D, fitting any D within the bound
 * @param requires the representation a noise needs its data in, or empty (what a sampler needs of
 *     its noise is its type: {@link org.modulardiffusion.base.SamplerNeeding})
 * @param produces the representation a data transform produces, or empty
 */
public record ModuleDescriptor(
    ModuleKind kind,
    String name,
    Class<?> type,
    String description,
    List<ParameterDescriptor> parameters,
    Class<?> distribution,
    boolean generic,
    String requires,
    String produces) {

  /**
   * This module with its D fixed to {@code distribution}, as a model spec's type argument fixes it.
   *
   * @param distribution the distribution's class
   * @return the resolved descriptor
   */
  public ModuleDescriptor resolved(Class<?> distribution) {
    return new ModuleDescriptor(kind, name, type, description, parameters, distribution, false, requires, produces);
  }

  /**
   * The parameter names, the keys a config may give besides {@code type}.
   *
   * @return the names, in the constructor's order
   */
  public List<String> parameterNames() {
    return parameters.stream().map(ParameterDescriptor::name).toList();
  }

  /**
   * Several lines: kind, name, class, description, then one line per parameter.
   *
   * @return the text, without a final newline
   */
  public String describe() {
    StringBuilder text = new StringBuilder()
        .append(kind.key()).append(' ').append(name).append(" (").append(type.getName()).append(')');
    if (!description.isEmpty()) {
      text.append("\n  ").append(description);
    }
    for (ParameterDescriptor parameter : parameters) {
      text.append("\n  ").append(parameter.describe());
    }
    return text.toString();
  }
}
