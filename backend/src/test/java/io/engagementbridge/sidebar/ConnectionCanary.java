package io.engagementbridge.sidebar;

import mockwebserver3.MockWebServer;

import javax.net.ServerSocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/** A MockWebServer on loopback that counts every TCP connection it accepts, even ones that never send a request. */
final class ConnectionCanary implements AutoCloseable {
    private final AtomicInteger connections = new AtomicInteger();
    private final MockWebServer server = new MockWebServer();

    ConnectionCanary() throws IOException {
        server.setServerSocketFactory(new ServerSocketFactory() {
            @Override
            public ServerSocket createServerSocket() throws IOException {
                return new ServerSocket() {
                    @Override
                    public Socket accept() throws IOException {
                        var socket = super.accept();
                        connections.incrementAndGet();
                        return socket;
                    }
                };
            }

            @Override
            public ServerSocket createServerSocket(int port) {
                throw new UnsupportedOperationException();
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog) {
                throw new UnsupportedOperationException();
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog, InetAddress address) {
                throw new UnsupportedOperationException();
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    InetSocketAddress address() {
        return server.getSocketAddress();
    }

    int connections() {
        return connections.get();
    }

    @Override
    public void close() {
        server.close();
    }
}
