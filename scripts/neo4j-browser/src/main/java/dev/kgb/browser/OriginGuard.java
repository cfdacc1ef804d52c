package dev.kgb.browser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * The only door to the unauthenticated server: listens on the public loopback ports and forwards
 * to Neo4j's connectors on hidden loopback ports, refusing what a foreign web page could send.
 *
 * <p>A web page the user visits can send requests to 127.0.0.1 (a "simple" cross-origin POST runs
 * on the server even when CORS hides the answer) and can open WebSockets to it (no CORS at all).
 * Browsers always say where such requests come from, so the guard refuses, with 403:
 *
 * <ul>
 *   <li>HTTP requests whose Origin is not Browser's own origin, or whose Host is not this
 *       server's loopback address (DNS rebinding); every request gets a connection of its own
 *       ({@code Connection: close}), so none rides on a checked one;
 *   <li>on the Bolt port, WebSocket handshakes with a foreign Origin or Host. Raw Bolt (which
 *       browsers cannot speak) passes: kgb and the drivers connect as before.
 * </ul>
 */
final class OriginGuard {
  private static final byte[] BOLT_MAGIC = {0x60, 0x60, (byte) 0xB0, 0x17};
  private static final int MAX_HEAD = 64 * 1024;

  private final InetAddress lo;
  private final Set<String> origins;
  private final Set<String> httpHosts;
  private final Set<String> boltHosts;

  OriginGuard(InetAddress lo, int httpPort, int boltPort) {
    this.lo = lo;
    this.origins = Set.of("http://127.0.0.1:" + httpPort, "http://localhost:" + httpPort);
    this.httpHosts = Set.of("127.0.0.1:" + httpPort, "localhost:" + httpPort);
    this.boltHosts = Set.of("127.0.0.1:" + boltPort, "localhost:" + boltPort);
  }

  /** A free loopback port for a hidden connector. */
  static int freePort(InetAddress lo) throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, lo)) {
      return s.getLocalPort();
    }
  }

  /** Listens on front (HTTP when http, else Bolt) and forwards to back, on a daemon thread. */
  void listen(int front, int back, boolean http) throws IOException {
    ServerSocket server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(lo, front), 128);
    daemon("kgb-guard-" + front, () -> {
      while (!server.isClosed()) {
        try {
          Socket c = server.accept();
          daemon("kgb-guard-conn", () -> handle(c, back, http));
        } catch (IOException e) {
          // keep accepting
        }
      }
    });
  }

  private void handle(Socket client, int back, boolean http) {
    try (client) {
      client.setTcpNoDelay(true);
      client.setSoTimeout(30_000);
      InputStream in = client.getInputStream();
      byte[] first = in.readNBytes(4);
      byte[] forward;
      if (!http && java.util.Arrays.equals(first, BOLT_MAGIC)) {
        forward = first;
      } else {
        String head = readHead(first, in);
        if (head == null) {
          return;
        }
        String refusal = refusal(head, http ? httpHosts : boltHosts);
        if (refusal != null) {
          deny(client.getOutputStream(), refusal);
          return;
        }
        forward = (http ? oneRequestPerConnection(head) : head).getBytes(StandardCharsets.ISO_8859_1);
      }
      client.setSoTimeout(0);
      try (Socket b = new Socket(lo, back)) {
        b.setTcpNoDelay(true);
        b.getOutputStream().write(forward);
        Thread up = pipe(in, b.getOutputStream(), b);
        pipe(b.getInputStream(), client.getOutputStream(), client).join();
        up.join(1000);
      }
    } catch (IOException | InterruptedException e) {
      // the connection ends
    }
  }

  /** The request head (through the blank line), or null when it is not one. */
  private static String readHead(byte[] first, InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    buf.write(first);
    while (buf.size() < MAX_HEAD) {
      byte[] b = buf.toByteArray();
      int n = b.length;
      if (n >= 4 && b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n') {
        return new String(b, StandardCharsets.ISO_8859_1);
      }
      int c = in.read();
      if (c < 0) {
        return null;
      }
      buf.write(c);
    }
    return null;
  }

  /** Why the request is refused, or null when it may pass. */
  private String refusal(String head, Set<String> hosts) {
    String origin = header(head, "origin");
    if (origin != null && !origins.contains(origin.toLowerCase(Locale.ROOT))) {
      return "requests from web pages other than Neo4j Browser at " + origins.iterator().next()
          + " are refused (Origin " + origin + ")";
    }
    String host = header(head, "host");
    if (host != null && !hosts.contains(host.toLowerCase(Locale.ROOT))) {
      return "Host " + host + " is not this loopback server";
    }
    return null;
  }

  private static String header(String head, String name) {
    for (String line : head.split("\r\n")) {
      int i = line.indexOf(':');
      if (i > 0 && line.substring(0, i).trim().equalsIgnoreCase(name)) {
        return line.substring(i + 1).trim();
      }
    }
    return null;
  }

  /** The head with Connection: close, so that the next request needs a new, checked connection. */
  private static String oneRequestPerConnection(String head) {
    StringBuilder out = new StringBuilder();
    for (String line : head.split("\r\n")) {
      int i = line.indexOf(':');
      String name = i > 0 ? line.substring(0, i).trim() : "";
      if (name.equalsIgnoreCase("connection") || name.equalsIgnoreCase("keep-alive")) {
        continue;
      }
      out.append(line).append("\r\n");
    }
    return out.append("Connection: close\r\n\r\n").toString();
  }

  private static void deny(OutputStream out, String why) throws IOException {
    byte[] body = ("kgb-neo4j-browser: " + why + "\n").getBytes(StandardCharsets.UTF_8);
    out.write(("HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
        + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
  }

  private static Thread pipe(InputStream in, OutputStream out, Socket dst) {
    return daemon("kgb-guard-pipe", () -> {
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
    });
  }

  private static Thread daemon(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
    return t;
  }
}
