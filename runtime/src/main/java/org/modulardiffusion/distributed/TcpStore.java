package org.modulardiffusion.distributed;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A key-value store over TCP: rank 0 holds the map and serves it on {@code MASTER_PORT}; the
 * other ranks connect to {@code MASTER_ADDR:MASTER_PORT}. Reads block on the server until the key
 * is set or the timeout passes.
 *
 * <p>Protocol, one request at a time per connection, DataOutputStream encoding: {@code SET key
 * length bytes -> OK}; {@code GET key timeoutMillis -> OK length bytes | TIMEOUT}; {@code WAIT
 * count key... timeoutMillis -> OK | TIMEOUT}.
 */
public final class TcpStore implements KeyValueStore {
  private static final byte SET = 1;
  private static final byte GET = 2;
  private static final byte WAIT = 3;
  private static final byte OK = 0;
  private static final byte TIMEOUT = 1;

  /** The map, on rank 0 only. */
  private final Map<String, byte[]> values;
  private final ServerSocket server;
  /** The connections rank 0 serves, closed with it. */
  private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
  /** The connection to rank 0, on the other ranks only. */
  private final Socket socket;
  private final DataInputStream in;
  private final DataOutputStream out;

  private TcpStore(Map<String, byte[]> values, ServerSocket server, Socket socket) throws IOException {
    this.values = values;
    this.server = server;
    this.socket = socket;
    this.in = socket == null ? null : new DataInputStream(new BufferedInputStream(socket.getInputStream()));
    this.out = socket == null ? null : new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
  }

  /**
   * The store of rank {@code rank}: the server on rank 0, a client of it elsewhere.
   *
   * @param rank this process's rank, from 0
   * @param masterAddress the address of rank 0
   * @param masterPort the port rank 0 serves on
   * @param connectTimeout the longest wait to connect to rank 0
   * @return the store, which the caller closes
   */
  public static TcpStore forRank(int rank, String masterAddress, int masterPort, Duration connectTimeout) {
    return rank == 0 ? serve(masterPort) : connect(masterAddress, masterPort, connectTimeout);
  }

  /**
   * Serves a new, empty store on {@code port} of all interfaces (0: a free port, see {@link #port}).
   *
   * @param port the port, or 0 for a free one
   * @return the store, which the caller closes
   */
  public static TcpStore serve(int port) {
    try {
      ServerSocket server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(port));
      TcpStore store = new TcpStore(new HashMap<>(), server, null);
      Thread accept = new Thread(store::acceptLoop, "tcp-store-accept");
      accept.setDaemon(true);
      accept.start();
      return store;
    } catch (IOException e) {
      throw new CollectiveException("store: cannot listen on port " + port + ": " + e.getMessage(), e);
    }
  }

  /**
   * Connects to the store served at {@code host:port}, retrying until {@code timeout} passes.
   *
   * @param host the server's address
   * @param port the server's port
   * @param timeout the longest wait to connect
   * @return the store, which the caller closes
   */
  public static TcpStore connect(String host, int port, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Socket socket = new Socket();
      try {
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
        return new TcpStore(null, null, socket);
      } catch (IOException e) {
        closeQuietly(socket);
        if (!(e instanceof ConnectException) || System.nanoTime() > deadline) {
          throw new CollectiveException("store: cannot connect to " + host + ":" + port + ": " + e.getMessage(), e);
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new CollectiveException("store: interrupted while connecting", interrupted);
        }
      }
    }
  }

  /**
   * The port this store serves on; -1 for a client.
   *
   * @return the port, or -1
   */
  public int port() {
    return server == null ? -1 : server.getLocalPort();
  }

  /**
   * The address of this machine on the route to rank 0's, through which rank 0 and the others
   * can reach it; null on rank 0, which serves the store.
   *
   * @return the address, or {@code null} on rank 0
   */
  public InetAddress localAddress() {
    return socket == null ? null : socket.getLocalAddress();
  }

  @Override
  public void set(String key, byte[] value) {
    if (values != null) {
      put(key, value);
      return;
    }
    request(0, key, () -> {
      out.writeByte(SET);
      out.writeUTF(key);
      out.writeInt(value.length);
      out.write(value);
    });
  }

  @Override
  public byte[] get(String key, long timeoutMillis) {
    if (values != null) {
      return take(new String[] {key}, timeoutMillis, true);
    }
    DataInputStream reply = request(timeoutMillis, key, () -> {
      out.writeByte(GET);
      out.writeUTF(key);
      out.writeLong(timeoutMillis);
    });
    try {
      byte[] value = new byte[reply.readInt()];
      reply.readFully(value);
      return value;
    } catch (IOException e) {
      throw lost(e);
    }
  }

  @Override
  public void await(String[] keys, long timeoutMillis) {
    if (values != null) {
      take(keys, timeoutMillis, false);
      return;
    }
    request(timeoutMillis, Arrays.toString(keys), () -> {
      out.writeByte(WAIT);
      out.writeInt(keys.length);
      for (String key : keys) {
        out.writeUTF(key);
      }
      out.writeLong(timeoutMillis);
    });
  }

  @Override
  public void close() {
    closeQuietly(server);
    clients.forEach(TcpStore::closeQuietly);
    closeQuietly(socket);
  }

  private interface Write {
    void write() throws IOException;
  }

  /**
   * Sends a request for {@code keys} to rank 0 and reads its status; the caller reads the rest of
   * the reply.
   */
  private synchronized DataInputStream request(long timeoutMillis, String keys, Write write) {
    try {
      // The server answers within timeoutMillis; a dead or hung server must not block us forever.
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMillis + 10_000));
      write.write();
      out.flush();
      byte status = in.readByte();
      if (status == TIMEOUT) {
        throw timedOut(timeoutMillis, keys);
      }
      return in;
    } catch (IOException e) {
      throw lost(e);
    }
  }

  private static CollectiveException timedOut(long timeoutMillis, String keys) {
    return new CollectiveException("store: timed out after " + timeoutMillis + " ms waiting for " + keys);
  }

  private CollectiveException lost(IOException e) {
    String what = e instanceof SocketTimeoutException ? "no answer from" : "lost connection to";
    return new CollectiveException("store: " + what + " " + socket.getRemoteSocketAddress() + ": " + e, e);
  }

  private void put(String key, byte[] value) {
    synchronized (values) {
      values.put(key, value.clone());
      values.notifyAll();
    }
  }

  /** Waits until all keys are set; returns the first's value if {@code value}, else null. */
  private byte[] take(String[] keys, long timeoutMillis, boolean value) {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    synchronized (values) {
      while (!Arrays.stream(keys).allMatch(values::containsKey)) {
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        if (left <= 0) {
          throw timedOut(timeoutMillis, Arrays.toString(keys));
        }
        try {
          values.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new CollectiveException("store: interrupted", e);
        }
      }
      return value ? values.get(keys[0]).clone() : null;
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        clients.add(client);
        if (server.isClosed()) {
          // close() ran between the accept and the add, and did not see this one
          closeQuietly(client);
        }
        client.setTcpNoDelay(true);
        Thread serve = new Thread(() -> serve(client), "tcp-store-" + client.getRemoteSocketAddress());
        serve.setDaemon(true);
        serve.start();
      } catch (IOException e) {
        // closed, or a failed accept: the loop condition decides
      }
    }
  }

  /** Answers one client's requests until it disconnects. */
  private void serve(Socket client) {
    try (client) {
      DataInputStream request = new DataInputStream(new BufferedInputStream(client.getInputStream()));
      DataOutputStream reply = new DataOutputStream(new BufferedOutputStream(client.getOutputStream()));
      while (true) {
        byte op = request.readByte();
        try {
          switch (op) {
            case SET -> {
              String key = request.readUTF();
              byte[] value = new byte[request.readInt()];
              request.readFully(value);
              put(key, value);
              reply.writeByte(OK);
            }
            case GET -> {
              String key = request.readUTF();
              byte[] value = take(new String[] {key}, request.readLong(), true);
              reply.writeByte(OK);
              reply.writeInt(value.length);
              reply.write(value);
            }
            case WAIT -> {
              String[] keys = new String[request.readInt()];
              for (int i = 0; i < keys.length; i++) {
                keys[i] = request.readUTF();
              }
              take(keys, request.readLong(), false);
              reply.writeByte(OK);
            }
            default -> throw new IOException("bad request " + op);
          }
        } catch (CollectiveException timeout) {
          reply.writeByte(TIMEOUT);
        }
        reply.flush();
      }
    } catch (IOException e) {
      // the client went away, or the store closed
    } finally {
      clients.remove(client);
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      if (closeable != null) {
        closeable.close();
      }
    } catch (Exception e) {
      // nothing to do
    }
  }
}
