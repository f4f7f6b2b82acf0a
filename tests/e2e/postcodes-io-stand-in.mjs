// A local stand-in for postcodes.io, for the end-to-end test of the online postcode lookup (the
// path the app takes when the build had no postcode data). It speaks the service's response
// format for the two calls the app makes (see src/nearby/postcodes_io.rs):
//
//   GET /postcodes/{postcode}  200 {"status":200,"result":{"postcode":"SG1 1LZ","outcode":"SG1","incode":"1LZ","latitude":…,"longitude":…}}
//                              404 {"status":404,"error":"Postcode not found"}  (or "Invalid postcode")
//   GET /outcodes/{outcode}    200 {"status":200,"result":{"outcode":"SG1","latitude":…,"longitude":…}}
//                              404 {"status":404,"error":"Outcode not found"}
//
// Like postcodes.io it ignores case and spaces in the path and allows any origin (CORS). It knows
// only the places the test gives it, so no postcode data is kept in the repository:
//
//   const standIn = await startStandIn({ postcodes: { 'SG1 1LZ': [51.9, -0.2] }, outcodes: { SG1: [51.9, -0.2] } });
//   standIn.origin; standIn.requests; await standIn.close();

import { createServer } from 'node:http';

const squash = (s) => s.replace(/\s+/g, '').toUpperCase();

/** Starts the stand-in on a free loopback port. `postcodes`/`outcodes` map a name to [lat, lng]. */
export async function startStandIn({ postcodes = {}, outcodes = {} } = {}) {
  const units = new Map(Object.entries(postcodes).map(([pc, at]) => [squash(pc), { postcode: pc, at }]));
  const districts = new Map(Object.entries(outcodes).map(([oc, at]) => [squash(oc), { outcode: oc, at }]));
  /** Every request's path, in order (the test checks what the app asked for). */
  const requests = [];

  const server = createServer((req, res) => {
    const send = (status, body) => {
      res.writeHead(status, {
        'Content-Type': 'application/json; charset=utf-8',
        'Access-Control-Allow-Origin': '*',
        'Cache-Control': 'no-store',
      });
      res.end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', 'http://stand-in');
    requests.push(url.pathname);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET' });
      return res.end();
    }
    if (req.method !== 'GET') return send(405, { status: 405, error: 'Method not allowed' });
    let key;
    try {
      key = squash(decodeURIComponent(url.pathname.split('/')[2] ?? ''));
    } catch {
      return send(400, { status: 400, error: 'Invalid request' });
    }
    if (url.pathname.startsWith('/postcodes/')) {
      const found = units.get(key);
      if (!found) {
        // postcodes.io tells a malformed postcode from a well-formed unknown one.
        const wellFormed = /^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/.test(key);
        return send(404, { status: 404, error: wellFormed ? 'Postcode not found' : 'Invalid postcode' });
      }
      const [latitude, longitude] = found.at;
      const outcode = found.postcode.split(' ')[0];
      return send(200, {
        status: 200,
        result: { postcode: found.postcode, outcode, incode: found.postcode.split(' ')[1], quality: 1, country: 'England', longitude, latitude },
      });
    }
    if (url.pathname.startsWith('/outcodes/')) {
      const found = districts.get(key);
      if (!found) return send(404, { status: 404, error: 'Outcode not found' });
      const [latitude, longitude] = found.at;
      return send(200, { status: 200, result: { outcode: found.outcode, longitude, latitude, country: ['England'] } });
    }
    return send(404, { status: 404, error: 'Resource not found' });
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}
