package org.modulardiffusion.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.modulardiffusion.config.internal.ModuleProvider;

/**
 * The {@code META-INF/services} files that list module providers. {@code ServiceLoader} loads a
 * provider class listed by two jars once, from the first jar: the other jar's modules would be
 * missing without a word, so a provider listed twice is an error.
 */
final class ProviderFiles {
  private static final String SERVICES = "META-INF/services/" + ModuleProvider.class.getName();

  private ProviderFiles() {}

  /**
   * Checks that no provider is listed by two of the services files that {@code loader} sees.
   *
   * @throws IllegalStateException naming the provider and both places that list it
   */
  static void requireDistinct(ClassLoader loader) {
    Map<String, URL> listed = new HashMap<>();
    try {
      for (URL file : Collections.list(loader.getResources(SERVICES))) {
        for (String provider : providers(file)) {
          URL other = listed.putIfAbsent(provider, file);
          if (other != null && !other.toString().equals(file.toString())) {
            throw new IllegalStateException("module provider " + provider + " is listed by both " + origin(other)
                + " and " + origin(file) + ", and only the first one's modules would be loaded; build one of them"
                + " again with this version's processor, which names each provider after its modules, or give it"
                + " another name with -Amodulardiffusion.provider=…");
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + SERVICES + ": " + e.getMessage(), e);
    }
  }

  /** The provider class names in a services file: one a line, after {@code #} a comment. */
  private static List<String> providers(URL file) throws IOException {
    List<String> names = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(file.openStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String name = line.replaceFirst("#.*", "").strip();
        if (!name.isEmpty()) {
          names.add(name);
        }
      }
    }
    return names;
  }

  /** The jar or folder that holds a services file. */
  private static String origin(URL file) {
    String text = file.toString();
    int inJar = text.indexOf("!/");
    String origin = inJar >= 0 ? text.substring(0, inJar) : text.substring(0, text.length() - SERVICES.length());
    return origin.replaceFirst("^jar:", "").replaceFirst("^file:", "");
  }
}
