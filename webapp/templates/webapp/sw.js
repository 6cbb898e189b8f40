// Service worker of the residents' app: keeps the shell on the phone so /app opens without a network.
// The server writes VERSION from the content of the shell's files, so any change installs a new cache.
const VERSION = {{ version|tojson }};
const CACHE = `sumbar-app-${VERSION}`;
const SHELL = {{ urls|tojson }};
const ENTRY = SHELL[0];
const SCOPE = {{ scope|tojson }};

self.addEventListener('install', (event) => {
  // cache: 'no-cache' asks the server every time (a 304 when the browser's copy is current), so a new
  // version never stores an older copy of a file yet a first visit does not download everything twice.
  const requests = SHELL.map((url) => new Request(url, { cache: 'no-cache' }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(
        names.filter((name) => name.startsWith('sumbar-app-') && name !== CACHE).map((name) => caches.delete(name)),
      ))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && (url.pathname === SCOPE || url.pathname === `${SCOPE}/`)) {
    event.respondWith(fromCache(ENTRY, request));
  } else if (SHELL.includes(url.pathname)) {
    event.respondWith(fromCache(url.pathname, request));
  }
  // Anything else, the API above all, is left to the browser: the app keeps its own data and queue.
});

async function fromCache(key, request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(key);
  return cached || fetch(request);
}
