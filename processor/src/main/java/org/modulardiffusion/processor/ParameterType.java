package org.modulardiffusion.processor;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;
import org.modulardiffusion.annotation.ModuleKind;

/**
 * A type that a config can give, and how a config value becomes one: the bindable types are
 * primitives, boxed primitives, String, enums, arrays and Lists of those, and modules.
 */
sealed interface ParameterType {
  /** The type as a user writes it. */
  String display();

  /** Code converting the {@code ConfigNode} {@code node} into this type, within the restrictions. */
  CodeBlock convert(CodeBlock node, Restrictions restrictions);

  /**
   * Code checking the constructor argument {@code name} of this type within the restrictions, or
   * an empty block when they leave it free; {@code index} is a name free for a loop variable.
   */
  default CodeBlock check(String name, String index, Restrictions restrictions) {
    return checkValue(CodeBlock.of("$S", name), CodeBlock.of("$N", name), restrictions);
  }

  /** Code checking one value, labelled by the String expression {@code label}; empty when free. */
  default CodeBlock checkValue(CodeBlock label, CodeBlock value, Restrictions restrictions) {
    return CodeBlock.of("");
  }

  /** The min, max and oneOf of a {@code @Param}. */
  record Restrictions(double min, double max, List<String> oneOf) {
    boolean hasRange() {
      return min != Double.NEGATIVE_INFINITY || max != Double.POSITIVE_INFINITY;
    }
  }

  /** A number, boolean or character, primitive or boxed; {@code kind} is the primitive's. */
  record Scalar(TypeKind kind, String display) implements ParameterType {
    boolean isNumber() {
      return kind != TypeKind.BOOLEAN && kind != TypeKind.CHAR;
    }

    boolean isIntegral() {
      return isNumber() && kind != TypeKind.FLOAT && kind != TypeKind.DOUBLE;
    }

    @Override
    public CodeBlock convert(CodeBlock node, Restrictions restrictions) {
      String name = kind.name().charAt(0) + kind.name().substring(1).toLowerCase(Locale.ROOT);
      return restrictions.hasRange()
          ? CodeBlock.of("$L.inRange($L, $L).as$L()", node, Generated.literal(restrictions.min()), Generated.literal(restrictions.max()), name)
          : CodeBlock.of("$L.as$L()", node, name);
    }

    @Override
    public CodeBlock checkValue(CodeBlock label, CodeBlock value, Restrictions restrictions) {
      return restrictions.hasRange()
          ? CodeBlock.of("$T.inRange($L, $L, $L, $L);\n", Generated.CHECKS, label, value,
              Generated.literal(restrictions.min()), Generated.literal(restrictions.max()))
          : CodeBlock.of("");
    }
  }

  /** A String, any or one of a list. */
  record Text() implements ParameterType {
    @Override
    public String display() {
      return "String";
    }

    @Override
    public CodeBlock convert(CodeBlock node, Restrictions restrictions) {
      return restrictions.oneOf().isEmpty()
          ? CodeBlock.of("$L.asString()", node)
          : CodeBlock.of("$L.asString($L)", node, Generated.strings(restrictions.oneOf()));
    }

    @Override
    public CodeBlock checkValue(CodeBlock label, CodeBlock value, Restrictions restrictions) {
      return oneOf(label, value, restrictions);
    }
  }

  /** An enum, given by the lower-case name of a constant. */
  record Choice(TypeElement type, List<String> constants) implements ParameterType {
    @Override
    public String display() {
      return type.getSimpleName().toString();
    }

    @Override
    public CodeBlock convert(CodeBlock node, Restrictions restrictions) {
      List<String> allowed = restrictions.oneOf().isEmpty() ? constants : restrictions.oneOf();
      return CodeBlock.of("$L.asEnum($T.class, $L)", node, ClassName.get(type), Generated.strings(allowed));
    }

    /** Checks only a subset that {@code oneOf} names: any constant of the enum is a value of the enum. */
    @Override
    public CodeBlock checkValue(CodeBlock label, CodeBlock value, Restrictions restrictions) {
      return oneOf(label, value, restrictions);
    }
  }

  /** Another module, given as a section with its own {@code type}. */
  record Module(ModuleKind kind, TypeMirror type, Types types) implements ParameterType {
    @Override
    public String display() {
      return Names.display(type);
    }

    @Override
    public CodeBlock convert(CodeBlock node, Restrictions restrictions) {
      return CodeBlock.of("registry.bind($T.$L, $T.class, $L)",
          ModuleKind.class, kind.name(), TypeName.get(types.erasure(type)), node);
    }
  }

  /** A List or an array of scalars, strings or enums; restrictions apply to each element. */
  record Sequence(ParameterType element, TypeMirror elementType, boolean array) implements ParameterType {
    @Override
    public String display() {
      return array ? element.display() + "[]" : "List<" + element.display() + ">";
    }

    @Override
    public CodeBlock convert(CodeBlock node, Restrictions restrictions) {
      CodeBlock list = CodeBlock.of("$L.asList(e -> $L)", node, element.convert(CodeBlock.of("e"), restrictions));
      if (!array) {
        return list;
      }
      if (elementType.getKind().isPrimitive()) {
        String unboxer = elementType.getKind().name().toLowerCase(Locale.ROOT) + "s";
        return CodeBlock.of("$T.$L($L)", Generated.PRIMITIVES, unboxer, list);
      }
      return CodeBlock.of("$L.toArray(new $T[0])", list, TypeName.get(elementType));
    }

    @Override
    public CodeBlock check(String name, String index, Restrictions restrictions) {
      CodeBlock each = element.checkValue(CodeBlock.of("$S + $N + $S", name + "[", index, "]"),
          CodeBlock.of(array ? "$N[$N]" : "$N.get($N)", name, index), restrictions);
      if (each.isEmpty()) {
        return each;
      }
      return CodeBlock.builder()
          .beginControlFlow("for (int $N = 0; $N < $N.$L; $N++)", index, index, name, array ? "length" : "size()", index)
          .add(each)
          .endControlFlow()
          .build();
    }
  }

  /** Code checking a String or enum {@code value} against {@code oneOf}; empty when it names none. */
  private static CodeBlock oneOf(CodeBlock label, CodeBlock value, Restrictions restrictions) {
    return restrictions.oneOf().isEmpty()
        ? CodeBlock.of("")
        : CodeBlock.of("$T.oneOf($L, $L, $L);\n", Generated.CHECKS, label, value, Generated.strings(restrictions.oneOf()));
  }

  /** The bindable type of {@code type}, if it is one; {@code kinds} tells module types apart. */
  static Optional<ParameterType> of(TypeMirror type, Types types, ModuleKinds kinds) {
    Optional<ParameterType> element = element(type, types);
    if (element.isPresent()) {
      return element;
    }
    Optional<ModuleKind> kind = kinds.kindOf(type);
    if (kind.isPresent()) {
      return Optional.of(new Module(kind.get(), type, types));
    }
    TypeMirror component = null;
    boolean array = type.getKind() == TypeKind.ARRAY;
    if (array) {
      component = ((ArrayType) type).getComponentType();
    } else if (type.getKind() == TypeKind.DECLARED && isList((DeclaredType) type)) {
      component = ((DeclaredType) type).getTypeArguments().get(0);
    }
    if (component == null) {
      return Optional.empty();
    }
    TypeMirror elementType = component;
    return element(component, types).map(e -> new Sequence(e, elementType, array));
  }

  private static Optional<ParameterType> element(TypeMirror type, Types types) {
    if (type.getKind().isPrimitive()) {
      return Optional.of(new Scalar(type.getKind(), type.toString()));
    }
    if (type.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
    if (element.getQualifiedName().contentEquals("java.lang.String")) {
      return Optional.of(new Text());
    }
    if (element.getKind() == ElementKind.ENUM) {
      List<String> constants = ElementFilter.fieldsIn(element.getEnclosedElements()).stream()
          .filter(field -> field.getKind() == ElementKind.ENUM_CONSTANT)
          .map(field -> field.getSimpleName().toString().toLowerCase(Locale.ROOT))
          .toList();
      return Optional.of(new Choice(element, constants));
    }
    try {
      TypeKind unboxed = types.unboxedType(type).getKind();
      return Optional.of(new Scalar(unboxed, element.getSimpleName().toString()));
    } catch (IllegalArgumentException notBoxed) {
      return Optional.empty();
    }
  }

  private static boolean isList(DeclaredType type) {
    return ((TypeElement) type.asElement()).getQualifiedName().contentEquals("java.util.List")
        && type.getTypeArguments().size() == 1;
  }
}
