package dev.kgb.neo4jlocal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;

/**
 * Listens on 127.0.0.1:PORT in front of a Neo4j whose Bolt connector listens on another loopback
 * port, and forwards only connections that open with the Bolt handshake magic (0x6060B017).
 *
 * <p>Neo4j's Bolt port also accepts WebSocket connections, and web browsers let any web page open
 * a WebSocket to 127.0.0.1 (WebSockets are not subject to CORS). With authentication off, a page
 * the user visits could then run Cypher on this server. Browsers cannot send raw Bolt, so
 * accepting raw Bolt only keeps web pages out while kgb, the drivers and cypher-shell connect as
 * before. Used by Main only when authentication is off.
 */
final class BoltOnlyGuard {
  private static final byte[] MAGIC = {0x60, 0x60, (byte) 0xB0, 0x17};

  private BoltOnlyGuard() {}

  /** Starts the guard on a daemon thread and returns once it listens. */
  static ServerSocket start(int frontPort, int backPort) throws IOException {
    InetAddress lo = InetAddress.getByName("127.0.0.1");
    ServerSocket server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(lo, frontPort), 128);
    Thread t = new Thread(() -> {
      while (!server.isClosed()) {
        try {
          Socket client = server.accept();
          Thread h = new Thread(() -> handle(client, lo, backPort), "kgb-bolt-guard-conn");
          h.setDaemon(true);
          h.start();
        } catch (IOException e) {
          if (server.isClosed()) {
            return;
          }
        }
      }
    }, "kgb-bolt-guard");
    t.setDaemon(true);
    t.start();
    return server;
  }

  /** A free loopback port for the hidden Bolt connector. */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  private static void handle(Socket client, InetAddress lo, int backPort) {
    try (client) {
      client.setTcpNoDelay(true);
      client.setSoTimeout(10_000);
      byte[] head = client.getInputStream().readNBytes(4);
      if (!Arrays.equals(head, MAGIC)) {
        if (head.length == 4 && head[0] == 'G' && head[1] == 'E' && head[2] == 'T') {
          OutputStream out = client.getOutputStream();
          out.write(("HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n"
              + "This Neo4j runs without authentication and accepts raw Bolt only (no WebSocket).\n")
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
          out.flush();
        }
        return;
      }
      client.setSoTimeout(0);
      try (Socket back = new Socket(lo, backPort)) {
        back.setTcpNoDelay(true);
        back.getOutputStream().write(head);
        Thread up = pipe(client.getInputStream(), back.getOutputStream(), back);
        pipe(back.getInputStream(), client.getOutputStream(), client).join();
        up.join(1000);
      }
    } catch (IOException | InterruptedException e) {
      // the connection ends; nothing to report
    }
  }

  private static Thread pipe(InputStream in, OutputStream out, Socket dst) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[64 * 1024];
      try {
        for (int n; (n = in.read(buf)) >= 0; ) {
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // peer closed
      } finally {
        try {
          dst.shutdownOutput();
        } catch (IOException e) {
          // already closed
        }
      }
    }, "kgb-bolt-guard-pipe");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
