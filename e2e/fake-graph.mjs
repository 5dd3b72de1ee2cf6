// A stand-in for Meta's Graph API during the browser test: accepts every
// POST /{phone_number_id}/messages, answers like Meta (a wamid), and lists what it
// received at GET /__received so run.mjs can check the agent's reply left Varotra.
// usage: node e2e/fake-graph.mjs PORT
import { createServer } from 'node:http';

const received = [];
createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/__received') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    return res.end(JSON.stringify(received));
  }
  let body = '';
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    try { received.push({ path: req.url, body: JSON.parse(body || '{}') }); } catch { received.push({ path: req.url, body }); }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ messaging_product: 'whatsapp', messages: [{ id: `wamid.fake${received.length}` }] }));
  });
}).listen(Number(process.argv[2] || 0), '127.0.0.1');
