import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DYNAMODB_LOCAL_JAR, DYNAMODB_LOCAL_LIB } from './emulator-package';
import { CommandNotFoundError, lastLines, runCommand } from './run-command';

export const LAUNCHER_CLASS = 'LoopbackLauncher';
/** Printed on stdout once Jetty listens: `<marker> <host>:<port>`. */
export const LISTENING_MARKER = 'LOOPBACK_LAUNCHER_LISTENING';
/** Printed on stderr when the port cannot be bound; the launcher then exits with PORT_IN_USE_EXIT_CODE. */
export const PORT_IN_USE_MARKER = 'LOOPBACK_LAUNCHER_PORT_IN_USE';
export const PORT_IN_USE_EXIT_CODE = 98;

/**
 * DynamoDB Local has no option to choose the interface: its DynamoDBProxyServer creates a Jetty
 * `new Server(port)`, which binds every interface. This launcher builds the server exactly as the jar's own
 * ServerRunner does (same options, same handler), then sets the host of that Jetty connector before
 * starting it. It also exits when its standard input reaches end-of-file: the parent keeps that pipe open,
 * so when the parent dies, for whatever reason, the JVM follows.
 */
export const LAUNCHER_SOURCE = `import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.net.BindException;
import java.util.Arrays;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Usage: java -cp DynamoDBLocal.jar:DynamoDBLocal_lib/*:. ${LAUNCHER_CLASS} <host> <port> [DynamoDB Local options] */
public final class ${LAUNCHER_CLASS} {
  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: ${LAUNCHER_CLASS} <host> <port> [DynamoDB Local options]");
      System.exit(2);
    }
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(Arrays.copyOfRange(args, 2, args.length));
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    Connector[] connectors = server.getConnectors();
    if (connectors.length != 1 || !(connectors[0] instanceof ServerConnector)) {
      throw new IllegalStateException("unexpected Jetty connectors in DynamoDB Local: " + Arrays.toString(connectors));
    }
    ServerConnector connector = (ServerConnector) connectors[0];
    connector.setHost(host);
    connector.setPort(port);

    Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(proxy)));
    exitWhenStdinCloses();
    try {
      proxy.safeStart();
    } catch (Exception e) {
      if (isBindFailure(e)) {
        System.err.println("${PORT_IN_USE_MARKER} " + host + ":" + port + " " + e.getMessage());
        System.err.flush();
        Runtime.getRuntime().halt(${PORT_IN_USE_EXIT_CODE});
      }
      throw e;
    }
    System.out.println("${LISTENING_MARKER} " + host + ":" + connector.getLocalPort());
    System.out.flush();
    proxy.join();
  }

  private static boolean isBindFailure(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof BindException) return true;
    }
    return false;
  }

  private static void stopQuietly(DynamoDBProxyServer proxy) {
    try {
      proxy.stop();
    } catch (Exception ignored) {
      // exiting anyway
    }
  }

  private static void exitWhenStdinCloses() {
    Thread watcher = new Thread(() -> {
      try {
        InputStream in = System.in;
        byte[] buffer = new byte[256];
        while (in.read(buffer) >= 0) {
          // the parent never writes; reading only detects the end of the pipe
        }
      } catch (Exception ignored) {
        // a broken pipe means the parent is gone as well
      }
      Thread killer = new Thread(() -> {
        try {
          Thread.sleep(5000);
        } catch (InterruptedException ignored) {
          // halt now
        }
        Runtime.getRuntime().halt(1);
      });
      killer.setDaemon(true);
      killer.start();
      System.exit(0);
    }, "stdin-watcher");
    watcher.setDaemon(true);
    watcher.start();
  }
}
`;

/** The Java class path for the emulator plus the compiled launcher. */
export function launcherClassPath(emulatorDir: string, launcherDir: string): string {
  return [
    path.join(emulatorDir, DYNAMODB_LOCAL_JAR),
    path.join(emulatorDir, DYNAMODB_LOCAL_LIB, '*'),
    launcherDir,
  ].join(path.delimiter);
}

/**
 * Compiles the launcher once with javac into `<emulatorDir>/launcher-<hash of its source>/` and returns that
 * folder. Compiling happens in a temporary folder renamed into place, so concurrent starts are safe.
 */
export async function ensureLauncher(emulatorDir: string): Promise<string> {
  const hash = createHash('sha256').update(LAUNCHER_SOURCE).digest('hex').slice(0, 12);
  const target = path.join(emulatorDir, `launcher-${hash}`);
  if (existsSync(path.join(target, `${LAUNCHER_CLASS}.class`))) return target;

  const staging = `${target}.${process.pid}-${randomBytes(4).toString('hex')}`;
  await mkdir(staging, { recursive: true });
  try {
    const source = path.join(staging, `${LAUNCHER_CLASS}.java`);
    await writeFile(source, LAUNCHER_SOURCE);
    let result;
    try {
      result = await runCommand('javac', [
        '-nowarn',
        '-cp',
        launcherClassPath(emulatorDir, staging),
        '-d',
        staging,
        source,
      ]);
    } catch (error) {
      if (error instanceof CommandNotFoundError) {
        throw new Error(
          'Java 17 is required for DynamoDB Local, with its compiler (javac) for the loopback launcher: ' +
            'install a JDK 17, e.g. apt-get install openjdk-17-jdk-headless',
        );
      }
      throw error;
    }
    if (result.code !== 0) {
      throw new Error(
        `Cannot compile the DynamoDB Local launcher:\n${lastLines(result.stderr + result.stdout, 15)}`,
      );
    }
    try {
      await rename(staging, target);
    } catch (error) {
      if (!existsSync(path.join(target, `${LAUNCHER_CLASS}.class`))) throw error;
    }
    return target;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
