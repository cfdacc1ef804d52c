package dev.kgb.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.server.CommunityBootstrapper;

/**
 * Runs a local Neo4j 5.26 Community server with Bolt, the HTTP API and Neo4j Browser at /browser/,
 * from Maven Central artifacts only. Authentication is disabled, so nothing but the user's own
 * Browser tab and local programs may reach it:
 *
 * <ul>
 *   <li>every connector is bound to 127.0.0.1 (fixed, not configurable), on hidden ports behind
 *       {@link OriginGuard}, which refuses requests and WebSockets from other web pages;
 *   <li>CORS allows only Browser's own origin;
 *   <li>LOAD CSV cannot read files (file URLs off, import folder an empty folder of HOME_DIR).
 * </ul>
 *
 * <p>Usage: {@code BrowserServer HOME_DIR HTTP_PORT BOLT_PORT [STYLE_URL]}. HOME_DIR holds data/,
 * logs/ and conf/. STYLE_URL, when given, becomes {@code browser.post_connect_cmd = style URL}, so
 * Browser loads the kgb .grass style sheet right after it connects.
 *
 * <p>Prints "kgb-neo4j-browser: ready ..." once both connectors accept connections and blocks
 * until SIGTERM/SIGINT, then shuts the DBMS down cleanly.
 */
public final class BrowserServer {
  private static final String HOST = "127.0.0.1";

  private BrowserServer() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3 || args.length > 4) {
      System.err.println("usage: BrowserServer HOME_DIR HTTP_PORT BOLT_PORT [STYLE_URL]");
      System.exit(2);
    }
    Path home = Path.of(args[0]).toAbsolutePath();
    int httpPort = port(args[1]);
    int boltPort = port(args[2]);
    String styleUrl = args.length == 4 ? args[3] : "";

    Files.createDirectories(home.resolve("conf"));
    Path conf = home.resolve("conf/neo4j.conf");
    if (!Files.exists(conf)) {
      Files.writeString(conf, "# settings are passed by dev.kgb.browser.BrowserServer\n");
    }

    java.net.InetAddress lo = java.net.InetAddress.getByName(HOST);
    int hiddenHttp = OriginGuard.freePort(lo);
    int hiddenBolt = OriginGuard.freePort(lo);
    Path importDir = Files.createDirectories(home.resolve("import-disabled"));

    Map<String, String> cfg = new LinkedHashMap<>();
    cfg.put("server.default_listen_address", HOST);
    cfg.put("server.default_advertised_address", HOST);
    cfg.put("server.bolt.enabled", "true");
    cfg.put("server.bolt.listen_address", HOST + ":" + hiddenBolt);
    cfg.put("server.bolt.advertised_address", HOST + ":" + boltPort);
    cfg.put("server.bolt.tls_level", "DISABLED");
    cfg.put("server.http.enabled", "true");
    cfg.put("server.http.listen_address", HOST + ":" + hiddenHttp);
    cfg.put("server.http.advertised_address", HOST + ":" + httpPort);
    cfg.put("server.https.enabled", "false");
    // Every connector is bound to HOST, a loopback address, behind the guard: only local
    // programs and Browser's own page can connect, so no credentials are needed.
    cfg.put("dbms.security.auth_enabled", "false");
    cfg.put("dbms.security.http_access_control_allow_origin", "http://" + HOST + ":" + httpPort);
    cfg.put("dbms.security.allow_csv_import_from_file_urls", "false");
    cfg.put("server.directories.import", importDir.toString());
    cfg.put("server.memory.pagecache.size", "128m");
    cfg.put("db.tx_log.rotation.retention_policy", "2 files");
    cfg.put("dbms.usage_report.enabled", "false");
    cfg.put("client.allow_telemetry", "false");
    cfg.put("browser.remote_content_hostname_whitelist", "localhost,127.0.0.1");
    if (!styleUrl.isEmpty()) {
      cfg.put("browser.post_connect_cmd", "style " + styleUrl);
    }

    long t0 = System.nanoTime();
    CommunityBootstrapper boot = new CommunityBootstrapper();
    int rc = boot.start(home, conf, cfg, false, false);
    if (rc != 0) {
      System.err.println("kgb-neo4j-browser: Neo4j failed to start (code " + rc + "), see " + home.resolve("logs"));
      System.exit(1);
    }
    OriginGuard guard = new OriginGuard(lo, httpPort, boltPort);
    guard.listen(httpPort, hiddenHttp, true);
    guard.listen(boltPort, hiddenBolt, false);
    // NeoBootstrapper has installed a shutdown hook that stops the DBMS on SIGTERM/SIGINT;
    // this thread only has to stay alive until then.
    System.out.printf(
        "kgb-neo4j-browser: ready in %d ms: Browser http://%s:%d/browser/ Bolt bolt://%s:%d%n",
        (System.nanoTime() - t0) / 1_000_000, HOST, httpPort, HOST, boltPort);
    System.out.flush();
    new CountDownLatch(1).await();
  }

  private static int port(String s) {
    try {
      int p = Integer.parseInt(s);
      if (p > 0 && p < 65536) {
        return p;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    System.err.println("kgb-neo4j-browser: invalid port " + s);
    System.exit(2);
    return -1;
  }
}
