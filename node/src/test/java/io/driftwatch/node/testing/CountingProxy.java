package io.driftwatch.node.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP forwarder on 127.0.0.1 that counts the bytes going each way: what really crossed the
 * network between a client and a server, to check what the client claims it moved.
 */
public final class CountingProxy implements AutoCloseable {

  private final ServerSocket listener;
  private final InetSocketAddress target;
  private final AtomicLong upstream = new AtomicLong();
  private final AtomicLong downstream = new AtomicLong();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  private CountingProxy(ServerSocket listener, InetSocketAddress target) {
    this.listener = listener;
    this.target = target;
  }

  /** Forwards connections on a free port of 127.0.0.1 to {@code address:port}. */
  public static CountingProxy to(String address, int port) {
    try {
      ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
      CountingProxy proxy = new CountingProxy(listener, new InetSocketAddress(address, port));
      Thread accept = new Thread(proxy::acceptLoop, "counting-proxy-accept");
      accept.setDaemon(true);
      accept.start();
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** Bytes from clients to the server so far. */
  public long upstreamBytes() {
    return upstream.get();
  }

  /** Bytes from the server to clients so far. */
  public long downstreamBytes() {
    return downstream.get();
  }

  @Override
  public void close() {
    try {
      listener.close();
      for (Socket s : sockets) {
        s.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket();
        server.connect(target, 5000);
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        sockets.add(client);
        sockets.add(server);
        pump(client, server, upstream);
        pump(server, client, downstream);
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private static void pump(Socket from, Socket to, AtomicLong counter) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[16384];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  out.write(buffer, 0, n);
                  counter.addAndGet(n);
                }
              } catch (IOException e) {
                // either side closed
              }
            },
            "counting-proxy-pump");
    t.setDaemon(true);
    t.start();
  }
}
