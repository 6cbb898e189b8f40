// Service worker of the task-force console: shows pushes of new alerts and escalations, and opens the console on
// the alert on a tap. Pushes carry ids and a generic title only: phones show them on locked screens.
const SCOPE = '/satgas';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = {};
  }
  const lang = (self.navigator.language || 'id').toLowerCase().startsWith('en') ? 'en' : 'id';
  const title = data.title?.[lang] || data.title?.id || 'Sumbar Siaga';
  const options = {
    tag: `sumbar-${data.id ?? data.kind ?? 'push'}`,
    requireInteraction: data.kind !== 'alert_claimed',
    data: { url: data.url || SCOPE },
  };
  event.waitUntil(self.registration.showNotification(title, options));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = new URL(event.notification.data?.url || SCOPE, self.location.origin);
  if (target.origin !== self.location.origin || !target.pathname.startsWith(SCOPE)) return;
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: 'window' });
    const open = windows.find((client) => new URL(client.url).pathname.startsWith(SCOPE));
    if (!open) return self.clients.openWindow(target.href);
    await open.focus();
    return open.navigate(target.href);
  })());
});
