// net detector: feeds --allow-net (Node 25+; earlier versions do not gate network at all,
// which the report says). Servers, clients, UDP sockets, DNS lookups and the fetch/WebSocket
// globals all need it (docs/node-facts.md#other-capabilities).

import type { Detector, Handler } from './context.js';

const net: Handler = (call, sink) => sink.capability(call, 'net');

const names: Record<string, string[]> = {
  net: ['createServer', 'createConnection', 'connect', 'Socket', 'Server'],
  http: ['createServer', 'request', 'get', 'Server', 'Agent'],
  https: ['createServer', 'request', 'get', 'Server', 'Agent'],
  http2: ['createServer', 'createSecureServer', 'connect'],
  tls: ['connect', 'createServer', 'Server', 'TLSSocket'],
  dgram: ['createSocket', 'Socket'],
  dns: ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveNs', 'resolveTxt', 'resolveSrv', 'reverse', 'Resolver'],
};

function buildApis(): Record<string, typeof net> {
  const apis: Record<string, typeof net> = { fetch: net, WebSocket: net, EventSource: net };
  for (const [module, fns] of Object.entries(names)) {
    for (const fn of fns) {
      apis[`${module}.${fn}`] = net;
      if (module === 'dns') apis[`dns.promises.${fn}`] = net;
    }
  }
  return apis;
}

export const netDetector: Detector = { name: 'net', apis: buildApis() };
