package dev.kgb.neo4jlocal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j 5.26 Community embedded for kgb's tests and local use: Bolt on
 * 127.0.0.1:PORT (NEO4J_LOCAL_PORT, default 7687), no TLS, data in the folder
 * given as the first argument (or a fresh temp folder). Auth is disabled unless
 * NEO4J_LOCAL_PASSWORD is set: then user neo4j has that password. Stops
 * cleanly on SIGTERM/SIGINT through a shutdown hook. Usage: Main [DATA_DIR]
 *
 * <p>Closed to strangers: LOAD CSV may not read files (kgb never needs it, and a query must not
 * read the server's files), and without a password the Bolt connector listens on a hidden
 * loopback port behind {@link BoltOnlyGuard}, which refuses the WebSocket connections a web page
 * could open, so only local programs that speak raw Bolt reach the unauthenticated server.
 */
public final class Main {
  public static void main(String[] args) throws Exception {
    Path home = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("kgb-neo4j-");
    Files.createDirectories(home);
    int port = Integer.parseInt(System.getenv().getOrDefault("NEO4J_LOCAL_PORT", "7687"));
    String password = System.getenv().getOrDefault("NEO4J_LOCAL_PASSWORD", "");
    long started = System.nanoTime();
    boolean guarded = password.isEmpty();
    int boltPort = guarded ? BoltOnlyGuard.freePort() : port;
    Path importDir = Files.createDirectories(home.resolve("import-disabled"));
    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", boltPort))
        .setConfig(GraphDatabaseSettings.allow_file_urls, false)
        .setConfig(GraphDatabaseSettings.load_csv_file_url_root, importDir)
        .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
        .setConfig(HttpConnector.enabled, false)
        .setConfig(GraphDatabaseSettings.auth_enabled, !password.isEmpty())
        .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(512))
        .build();
    if (!password.isEmpty()) {
      dbms.database("system").executeTransactionally(
          "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", java.util.Map.of("pw", password));
    }
    if (guarded) {
      BoltOnlyGuard.start(port, boltPort);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("kgb-neo4j-local: shutting down");
      dbms.shutdown();
      stopped.countDown();
    }, "kgb-neo4j-shutdown"));
    System.out.printf("kgb-neo4j-local: Neo4j %s ready on bolt://127.0.0.1:%d (auth %s, data %s) in %d ms%n",
        org.neo4j.kernel.internal.Version.getNeo4jVersion(), port, guarded ? "off, raw Bolt only" : "on, user neo4j", home,
        (System.nanoTime() - started) / 1_000_000);
    System.out.flush();
    stopped.await();
  }
}
