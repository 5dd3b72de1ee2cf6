// A stand-in for Meta's Graph API during the browser test: accepts every
// POST /{phone_number_id}/messages and answers like Meta (a wamid), takes media
// uploads (POST /{phone_number_id}/media, multipart) and answers with a media id, and
// lists what it received at GET /__received so run.mjs can check what left Varotra.
// usage: node e2e/fake-graph.mjs PORT
import { createServer } from 'node:http';

const received = [];
let media = 0;
createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/__received') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    return res.end(JSON.stringify(received));
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
