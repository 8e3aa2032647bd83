package org.modulardiffusion.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The rendezvous store: rank 0 serves it, the others reach it over 127.0.0.1. */
class TcpStoreTest {
  private static final Duration CONNECT = Duration.ofSeconds(5);

  @Test
  void aValueSetByOneRankIsReadByEveryOther() {
    try (TcpStore server = TcpStore.serve(0);
        TcpStore one = TcpStore.connect("127.0.0.1", server.port(), CONNECT);
        TcpStore two = TcpStore.connect("127.0.0.1", server.port(), CONNECT)) {
      one.set("address/1", bytes("10.0.0.1:4000"));
      server.set("address/0", bytes("10.0.0.0:4000"));
      assertArrayEquals(bytes("10.0.0.1:4000"), two.get("address/1", 1000));
      assertArrayEquals(bytes("10.0.0.1:4000"), server.get("address/1", 1000));
      assertArrayEquals(bytes("10.0.0.0:4000"), one.get("address/0", 1000));
      two.await(new String[] {"address/0", "address/1"}, 1000);
    }
  }

  @Test
  void aReadWaitsForTheRankThatSetsTheKeyLater() throws Exception {
    try (TcpStore server = TcpStore.serve(0);
        TcpStore early = TcpStore.connect("127.0.0.1", server.port(), CONNECT);
        TcpStore late = TcpStore.connect("127.0.0.1", server.port(), CONNECT)) {
      CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> early.get("digest", 10_000));
      Thread.sleep(200);
      assertTrue(!read.isDone(), "the read waits");
      late.set("digest", bytes("abc"));
      assertArrayEquals(bytes("abc"), read.get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void aKeyNoRankSetsTimesOutNamingIt() {
    try (TcpStore server = TcpStore.serve(0);
        TcpStore client = TcpStore.connect("127.0.0.1", server.port(), CONNECT)) {
      long start = System.nanoTime();
      CollectiveException e = assertThrows(CollectiveException.class, () -> client.get("address/7", 300));
      long waited = (System.nanoTime() - start) / 1_000_000;
      assertEquals("store: timed out after 300 ms waiting for address/7", e.getMessage());
      assertTrue(waited >= 300 && waited < 5_000, waited + " ms");
      assertEquals("store: timed out after 300 ms waiting for [a, b]",
          assertThrows(CollectiveException.class, () -> server.await(new String[] {"a", "b"}, 300)).getMessage());
    }
  }

  @Test
  void aClientWhoseServerIsGoneFailsNamingIt() {
    TcpStore server = TcpStore.serve(0);
    try (TcpStore client = TcpStore.connect("127.0.0.1", server.port(), CONNECT)) {
      client.set("address/1", bytes("10.0.0.1:4000"));  // answered: rank 0 serves this connection
      server.close();
      CollectiveException e = assertThrows(CollectiveException.class, () -> client.get("address/0", 60_000));
      assertTrue(e.getMessage().startsWith("store: lost connection to /127.0.0.1:" + server.port()), e.getMessage());
    }
  }

  @Test
  void prefixesKeepGroupsApart() {
    try (TcpStore server = TcpStore.serve(0);
        TcpStore client = TcpStore.connect("127.0.0.1", server.port(), CONNECT)) {
      server.withPrefix("group-1/").set("0", bytes("first"));
      server.withPrefix("group-2/").set("0", bytes("second"));
      assertArrayEquals(bytes("second"), client.withPrefix("group-2/").get("0", 1000));
      assertArrayEquals(bytes("first"), client.get("group-1/0", 1000));
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
