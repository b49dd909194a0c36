import net from 'node:net';
import type { ISocketFactory } from 'kafkajs';

/**
 * A kafkajs socket factory whose network the test can cut and restore: while cut, open connections are
 * destroyed and new ones are refused, as in a broker outage seen from the client. Kafka itself keeps running
 * for everyone else on the machine.
 */
export class SwitchableNetwork {
  private readonly sockets = new Set<net.Socket>();
  private up = true;

  readonly socketFactory: ISocketFactory = ({ host, port, onConnect }) => {
    // Port 1 on loopback refuses at once: the client sees ECONNREFUSED, as with a broker that is down.
    const socket = this.up ? net.connect({ host, port }, onConnect) : net.connect({ host: '127.0.0.1', port: 1 });
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    return socket;
  };

  cut(): void {
    this.up = false;
    for (const socket of this.sockets) socket.destroy(new Error('network cut by the test'));
  }

  restore(): void {
    this.up = true;
  }
}
