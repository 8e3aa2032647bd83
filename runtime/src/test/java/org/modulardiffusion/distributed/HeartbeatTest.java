package org.modulardiffusion.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The survivors of a job tell from the heartbeats which worker stopped. */
class HeartbeatTest {
  private static final Duration CONNECT = Duration.ofSeconds(5);

  @Test
  void aWorkerWhoseHeartbeatEndsIsTheOneSilent() throws Exception {
    try (TcpStore server = TcpStore.serve(0);
        TcpStore first = client(server);
        TcpStore second = client(server);
        Heartbeat zero = Heartbeat.start(server, 0);
        Heartbeat one = Heartbeat.start(first, 1);
        Heartbeat two = Heartbeat.start(second, 2)) {
      assertEquals(List.of(), Heartbeat.silent(server, 0, 3));
      one.close();
      assertEquals(List.of(1), Heartbeat.silent(server, 0, 3));
      try (TcpStore survivor = client(server)) {
        assertEquals(List.of(1), Heartbeat.silent(survivor, 2, 3), "read from another worker's connection");
      }
    }
  }

  @Test
  void aWorkerDoesNotCountItselfAmongTheSilent() throws Exception {
    try (TcpStore server = TcpStore.serve(0);
        TcpStore first = client(server);
        Heartbeat zero = Heartbeat.start(server, 0);
        Heartbeat one = Heartbeat.start(first, 1)) {
      zero.close();
      assertEquals(List.of(), Heartbeat.silent(server, 0, 2));
      assertEquals(List.of(0), Heartbeat.silent(server, 1, 2));
    }
  }

  @Test
  void aStoreThatIsGoneCannotBeRead() {
    TcpStore server = TcpStore.serve(0);
    try (TcpStore survivor = client(server);
        TcpStore beats = client(server);
        Heartbeat one = Heartbeat.start(beats, 1)) {
      server.close();
      assertThrows(CollectiveException.class, () -> Heartbeat.silent(survivor, 1, 2));
    }
  }

  private static TcpStore client(TcpStore server) {
    return TcpStore.connect("127.0.0.1", server.port(), CONNECT);
  }
}
