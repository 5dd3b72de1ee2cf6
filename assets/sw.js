// Varotra's service worker, served at /admin/sw.js so its scope is the admin.
// It makes the admin installable and, when the phone has no connection, shows the
// offline page instead of the browser's error. Pages themselves are never cached:
// conversations must be fresh, and they hold customer data.
const CACHE = 'varotra-v1';
const SHELL = ['/admin/hors-ligne', '/assets/admin.css', '/assets/icon.svg', '/assets/icon-192.png'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  if (req.mode === 'navigate') {
    event.respondWith(fetch(req).catch(() => caches.match('/admin/hors-ligne')));
    return;
  }
  const url = new URL(req.url);
  if (url.origin === self.location.origin && SHELL.includes(url.pathname)) {
    event.respondWith(fetch(req).catch(() => caches.match(req)));
  }
});
