package org.modulardiffusion.distributed;

/**
 * The key-value store through which the ranks of a group exchange their addresses before they
 * connect. Gloo's native rendezvous calls these methods back through JNI on the thread that
 * called {@link Collective#connect}. Failures are unchecked {@link CollectiveException}s.
 */
public interface KeyValueStore extends AutoCloseable {
  /**
   * Stores {@code value} under {@code key}, replacing any earlier value.
   *
   * @param key the key
   * @param value the bytes to store
   */
  void set(String key, byte[] value);

  /**
   * The value of {@code key}, waiting up to {@code timeoutMillis} for some rank to set it.
   *
   * @param key the key
   * @param timeoutMillis the longest wait, in milliseconds
   * @return the value
   */
  byte[] get(String key, long timeoutMillis);

  /**
   * Waits up to {@code timeoutMillis} until all of {@code keys} are set.
   *
   * @param keys the keys
   * @param timeoutMillis the longest wait, in milliseconds
   */
  void await(String[] keys, long timeoutMillis);

  @Override
  void close();

  /**
   * This store with every key prefixed, so that successive groups do not see each other's keys.
   *
   * @param prefix the prefix of every key
   * @return a view of this store; closing it closes this store
   */
  default KeyValueStore withPrefix(String prefix) {
    KeyValueStore inner = this;
    return new KeyValueStore() {
      @Override
      public void set(String key, byte[] value) {
        inner.set(prefix + key, value);
      }

      @Override
      public byte[] get(String key, long timeoutMillis) {
        return inner.get(prefix + key, timeoutMillis);
      }

      @Override
      public void await(String[] keys, long timeoutMillis) {
        String[] prefixed = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
          prefixed[i] = prefix + keys[i];
        }
        inner.await(prefixed, timeoutMillis);
      }

      @Override
      public void close() {
        inner.close();
      }
    };
  }
}
