package io.stockflow.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy to a real server whose link can be cut and restored, for tests of what
 * happens when a connection drops: {@link #cut()} closes every open connection and
 * refuses new ones; {@link #restore()} accepts again on the same port.
 */
public final class TcpProxy implements AutoCloseable {

	private final int targetPort;

	private final int port;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private volatile ServerSocket server;

	/**
	 * Starts a proxy on a free local port.
	 * @param targetPort the local port of the real server
	 * @throws IOException if no port can be bound
	 */
	public TcpProxy(int targetPort) throws IOException {
		this.targetPort = targetPort;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.port = this.server.getLocalPort();
		acceptOn(this.server);
	}

	/**
	 * @return the proxy's port, to connect to instead of the server's
	 */
	public int port() {
		return this.port;
	}

	/** Drops every connection and refuses new ones until {@link #restore()}. */
	public void cut() {
		closeQuietly(this.server);
		this.sockets.forEach(TcpProxy::closeQuietly);
		this.sockets.clear();
	}

	/**
	 * Accepts connections again on the same port.
	 * @throws IOException if the port cannot be bound again
	 */
	public void restore() throws IOException {
		ServerSocket socket = new ServerSocket();
		socket.setReuseAddress(true);
		socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), this.port));
		this.server = socket;
		acceptOn(socket);
	}

	@Override
	public void close() {
		cut();
	}

	private void acceptOn(ServerSocket socket) {
		Thread.ofVirtual().name("tcp-proxy-accept").start(() -> {
			while (!socket.isClosed()) {
				try {
					Socket client = socket.accept();
					Socket upstream = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
					this.sockets.add(client);
					this.sockets.add(upstream);
					pipe(client, upstream);
					pipe(upstream, client);
				}
				catch (IOException ex) {
					// the server socket was closed by cut(): stop accepting
				}
			}
		});
	}

	private void pipe(Socket from, Socket to) {
		Thread.ofVirtual().name("tcp-proxy-pipe").start(() -> {
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				in.transferTo(out);
			}
			catch (IOException ex) {
				// one side closed: close both below
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		});
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// closing is best effort
		}
	}

}
