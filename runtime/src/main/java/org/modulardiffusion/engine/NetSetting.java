package org.modulardiffusion.engine;

import java.util.function.Supplier;
import org.modulardiffusion.base.Net;

/**
 * A value the net was built with, where its user gave it ({@code net.width: 600000000} in a
 * config), with a way to build the net again with that value at its default. When the net's
 * parameters would not fit in memory, the model counts the parameters of the nets built this way
 * (counting allocates none) to name the value that makes the difference.
 *
 * @param name where the value was given, such as {@code net.width}
 * @param value the value as given
 * @param atDefault builds the net with this value at its default; it may throw when the net's
 *     other values do not allow the default
 */
public record NetSetting(String name, String value, Supplier<? extends Net> atDefault) {}
