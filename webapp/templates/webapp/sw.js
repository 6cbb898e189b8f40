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

// A push (the payload the server encrypted for this browser): a generic title in the phone's language, and the
// screen to open on a tap. The notification id as tag: a push delivered twice shows once.
self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = {};
  }
  const lang = (self.navigator.language || 'id').toLowerCase().startsWith('en') ? 'en' : 'id';
  const title = data.title?.[lang] || data.title?.id || 'Sumbar Siaga';
  const options = { tag: `sumbar-${data.id ?? data.kind ?? 'push'}`, data: { url: data.url || SCOPE } };
  event.waitUntil(self.registration.showNotification(title, options));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = new URL(event.notification.data?.url || SCOPE, self.location.origin);
  // Only the app's own screens: a payload never sends the resident elsewhere.
  if (target.origin !== self.location.origin || !target.pathname.startsWith(SCOPE)) return;
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: 'window' });
    const open = windows.find((client) => new URL(client.url).pathname.startsWith(SCOPE));
    if (!open) return self.clients.openWindow(target.href);
    await open.focus();
    return open.navigate(target.href);
  })());
});
