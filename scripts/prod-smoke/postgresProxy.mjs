/*
 * A TCP proxy in front of the local PostgreSQL, so the smoke can take the database away from
 * the replicas (as a failover or a network partition does) and give it back, without touching
 * the PostgreSQL other engineers' tests use.
 */
import { connect, createServer } from 'node:net';

export async function startPostgresProxy({ host = '127.0.0.1', port = 5432 } = {}) {
  const sockets = new Set();
  let cut = false;
  const server = createServer(client => {
    if (cut) {
      client.destroy();
      return;
    }
    const upstream = connect(port, host);
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ]) {
      sockets.add(a);
      a.on('error', () => b.destroy());
      a.on('close', () => {
        sockets.delete(a);
        b.destroy();
      });
      a.pipe(b);
    }
  });
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    /** Drops every open connection and refuses new ones. */
    cut() {
      cut = true;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      cut = false;
    },
    close() {
      this.cut();
      return new Promise(resolve => server.close(resolve));
    },
  };
}
