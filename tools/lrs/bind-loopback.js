// Preload (node -r ./bind-loopback.js) that keeps every server in this
// process on the loopback interface: xapi-statements calls app.listen(port)
// with no host, which Node binds to every interface. Any host given is
// replaced by 127.0.0.1, and once a server listens its address is printed
// as "twohats-lrs: listening on http://127.0.0.1:PORT" on standard output,
// so EXPRESS_PORT=0 (a free port the system picks) can be used.
'use strict';

const net = require('net');

const HOST = '127.0.0.1';
const original = net.Server.prototype.listen;

if (!original.twohatsLoopback) {
  const listen = function (...args) {
    const first = args[0];
    if (first !== null && typeof first === 'object' && !(first instanceof net.Server) && first.path === undefined &&
        first.handle === undefined && first.fd === undefined && !('_handle' in first)) {
      // listen(options[, callback])
      args[0] = Object.assign({}, first, { host: HOST });
    } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
      // listen(port[, host][, backlog][, callback])
      if (typeof args[1] === 'string' || args[1] === undefined || args[1] === null) {
        args[1] = HOST;
      } else {
        args.splice(1, 0, HOST);
      }
    } else if (first === undefined || typeof first === 'function') {
      // listen([callback]): a random port on every interface
      args = [0, HOST, ...args.slice(first === undefined ? 1 : 0)];
    }
    // a Unix socket path or a handle: not an interface, left alone
    this.once('listening', () => {
      const a = this.address();
      if (a && typeof a === 'object') {
        process.stdout.write(`twohats-lrs: listening on http://${a.address}:${a.port}\n`);
      }
    });
    return original.apply(this, args);
  };
  listen.twohatsLoopback = true;
  net.Server.prototype.listen = listen;
}
