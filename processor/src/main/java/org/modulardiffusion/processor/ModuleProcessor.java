package org.modulardiffusion.processor;

import com.google.auto.service.AutoService;
import com.squareup.javapoet.ClassName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import org.modulardiffusion.annotation.DiffusionModel;
import org.modulardiffusion.annotation.ModuleKind;

/**
 * Checks diffusion modules and model specs, and generates their binders and parameter checks,
 * the compilation's module provider and the specs' factories.
 *
 * <p>Each round validates the new annotated classes one by one, each into its own {@link Report}
 * (an exception on one class is reported on it, and the others go on); code is generated only
 * from a clean report. A class that refers to a type not generated yet is deferred to the next
 * round, and reported if it never resolves. The provider is written in the first round that
 * brings no new module, and output is sorted, so the same sources give the same files.
 */
@AutoService(Processor.class)
public final class ModuleProcessor extends AbstractProcessor {
  /** The option naming the generated provider class, for two compilations in one package. */
  public static final String PROVIDER_OPTION = "modulardiffusion.provider";

  private final Set<String> deferredModules = new LinkedHashSet<>();
  private final Set<String> deferredSpecs = new LinkedHashSet<>();
  private final Map<String, TypeElement> names = new HashMap<>();
  private final Map<String, TypeElement> bound = new TreeMap<>();
  private ModuleKinds kinds;
  private ModuleValidator modules;
  private SpecValidator specs;
  private BinderGenerator binders;
  private ParametersGenerator checks;
  private FactoryGenerator factories;
  private ProviderGenerator providers;
  private ClassName provider;

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    kinds = new ModuleKinds(env.getElementUtils(), env.getTypeUtils());
    modules = new ModuleValidator(env, kinds);
    specs = new SpecValidator(env, kinds);
    binders = new BinderGenerator(env.getFiler(), kinds);
    checks = new ParametersGenerator(env.getFiler());
    factories = new FactoryGenerator(env.getFiler(), env.getTypeUtils(), kinds);
    providers = new ProviderGenerator(env.getFiler());
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    Set<String> types = new LinkedHashSet<>();
    for (ModuleKind kind : ModuleKind.values()) {
      types.add(kind.annotation().getCanonicalName());
    }
    types.add(DiffusionModel.class.getCanonicalName());
    return types;
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(PROVIDER_OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (round.processingOver()) {
      reportUnresolved(deferredModules);
      reportUnresolved(deferredSpecs);
      if (provider != null) {
        providers.writeServices(provider);
      }
      return false;
    }
    boolean newModules = false;
    for (ModuleKind kind : ModuleKind.values()) {
      for (TypeElement type : sorted(ElementFilter.typesIn(round.getElementsAnnotatedWith(kind.annotation())))) {
        newModules = true;
        deferredModules.add(type.getQualifiedName().toString());
      }
    }
    retry(deferredModules, this::processModule);
    for (TypeElement type : sorted(ElementFilter.typesIn(round.getElementsAnnotatedWith(DiffusionModel.class)))) {
      deferredSpecs.add(type.getQualifiedName().toString());
    }
    retry(deferredSpecs, this::processSpec);
    if (!newModules && deferredModules.isEmpty() && provider == null && !bound.isEmpty()) {
      List<TypeElement> registered = new ArrayList<>(bound.values());
      provider = ProviderGenerator.name(processingEnv.getOptions().get(PROVIDER_OPTION), registered);
      providers.generate(provider, registered);
      warnUnnamedPackage(registered);
    }
    return false;
  }

  /** Processes each deferred class whose types resolve now, keeping the others deferred. */
  private void retry(Set<String> deferred, Consumer<TypeElement> process) {
    for (String name : List.copyOf(deferred)) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null && Unresolved.in(type).isEmpty()) {
        deferred.remove(name);
        try {
          process.accept(type);
        } catch (RuntimeException e) {
          Report report = new Report();
          report.error(type, Message.INTERNAL, name, e);
          report.printTo(processingEnv.getMessager());
        }
      }
    }
  }

  private void processModule(TypeElement type) {
    ModuleKind kind = ModuleKinds.annotated(type).orElseThrow();
    Report report = new Report();
    Optional<ModuleModel> module = modules.validate(type, kind, report);
    module.ifPresent(valid -> checkName(valid, report));
    report.printTo(processingEnv.getMessager());
    if (report.isClean() && kind != ModuleKind.DISTRIBUTION) {
      binders.generate(module.orElseThrow());
      checks.generate(module.get());
      bound.put(kind.ordinal() + ":" + module.get().name(), type);
    }
  }

  /** Reports a registry name that another module of the same kind already has. */
  private void checkName(ModuleModel module, Report report) {
    TypeElement other = names.putIfAbsent(module.kind().key() + " " + module.name(), module.type());
    if (other != null) {
      AnnotationMirror annotation = Mirrors.find(module.type(), module.kind().annotation()).orElseThrow();
      report.error(module.type(), annotation, Mirrors.value(processingEnv.getElementUtils(), annotation, "name"),
          Message.DUPLICATE_NAME, module.kind().key(), "\"" + module.name() + "\"", other.getQualifiedName(),
          module.type().getSimpleName(), module.kind().annotation().getSimpleName());
    }
  }

  private void processSpec(TypeElement type) {
    Report report = new Report();
    Optional<SpecValidator.Spec> spec = specs.validate(type, report);
    report.printTo(processingEnv.getMessager());
    spec.ifPresent(factories::generate);
  }

  /** Warns on each module in the unnamed package when the provider lies there too. */
  private void warnUnnamedPackage(List<TypeElement> registered) {
    if (!provider.packageName().isEmpty()) {
      return;
    }
    Report report = new Report();
    for (TypeElement module : registered) {
      if (ClassName.get(module).packageName().isEmpty()) {
        report.warning(module, Message.UNNAMED_PACKAGE, module.getQualifiedName(), provider.simpleName());
      }
    }
    report.printTo(processingEnv.getMessager());
  }

  private void reportUnresolved(Set<String> deferred) {
    for (String name : deferred) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      Report report = new Report();
      report.error(type, Message.UNRESOLVED, name, Unresolved.in(type).orElse("a type it uses"));
      report.printTo(processingEnv.getMessager());
    }
    deferred.clear();
  }

  private static List<TypeElement> sorted(Set<TypeElement> types) {
    List<TypeElement> list = new ArrayList<>(types);
    list.sort(Comparator.comparing(type -> type.getQualifiedName().toString()));
    return list;
  }
}
