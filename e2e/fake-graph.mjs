// A stand-in for Meta's Graph API during the browser test: accepts every
// POST /{phone_number_id}/messages and answers like Meta (a wamid), takes media
// uploads (POST /{phone_number_id}/media, multipart) and answers with a media id, and
// lists what it received at GET /__received so run.mjs can check what left Varotra.
// GET /{phone_number_id}?fields=display_phone_number,verified_name answers like Meta
// for the bearer token `jeton-valide` (and any token but `jeton-faux`, which gets
// Meta's 401 / code 190), so the wizard's number step is tried both ways.
// usage: node e2e/fake-graph.mjs PORT
import { createServer } from 'node:http';

const received = [];
let media = 0;
createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/__received') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    return res.end(JSON.stringify(received));
  }
  if (req.method === 'GET' && req.url.includes('fields=display_phone_number')) {
    const id = req.url.split('?')[0].split('/').pop();
    if ((req.headers.authorization || '') === 'Bearer jeton-faux') {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      return res.end(JSON.stringify({ error: { message: 'Error validating access token: Session has expired',
        type: 'OAuthException', code: 190, fbtrace_id: 'E2E' } }));
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    return res.end(JSON.stringify({ display_phone_number: '+261 32 00 000 09', verified_name: 'Epicerie Soa', id }));
  }
  const chunks = [];
  req.on('data', (c) => { chunks.push(c); });
  req.on('end', () => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    if (req.url.endsWith('/media')) {
      media += 1;
      received.push({ path: req.url, media: `media-${media}`, bytes: Buffer.concat(chunks).length });
      return res.end(JSON.stringify({ id: `media-${media}` }));
    }
    const body = Buffer.concat(chunks).toString();
    try { received.push({ path: req.url, body: JSON.parse(body || '{}') }); } catch { received.push({ path: req.url, body }); }
    res.end(JSON.stringify({ messaging_product: 'whatsapp', messages: [{ id: `wamid.fake${received.length}` }] }));
  });
}).listen(Number(process.argv[2] || 0), '127.0.0.1');
