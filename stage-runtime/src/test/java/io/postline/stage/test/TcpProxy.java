package io.postline.stage.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder a test can cut and restore, so that a real dependency (PostgreSQL) goes away for one
 * application only: cutting closes every open connection and refuses new ones, as a server restart would.
 */
public final class TcpProxy implements AutoCloseable {
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private volatile int port;

    public TcpProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        listen(0);
    }

    public int port() {
        return port;
    }

    /** Closes every connection through the proxy and refuses new ones until {@link #restore()}. */
    public synchronized void cut() {
        closeQuietly(server);
        server = null;
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    /** Accepts connections again, on the same port. */
    public synchronized void restore() {
        if (server == null) {
            listen(port);
        }
    }

    @Override
    public void close() {
        cut();
    }

    private void listen(int onPort) {
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
            server = s;
            port = s.getLocalPort();
            Thread.ofPlatform().daemon().name("tcp-proxy-accept-" + port).start(() -> accept(s));
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + onPort, e);
        }
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket client = s.accept();
                Socket upstream = new Socket(targetHost, targetPort);
                open.add(client);
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                // closed by cut(), or the target refused: the client sees its connection end
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread.ofPlatform().daemon().name("tcp-proxy-pump").start(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        });
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
