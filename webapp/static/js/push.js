// Notifications on the phone: say why, ask the browser's permission on a tap, send the subscription to the API.
import { call, deviceCall } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';

export function supported() {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

// A card with the reason (`why`: a string key) and a button; null where pushes cannot work or were refused.
// Already allowed: the subscription is sent again quietly (it may be new, or the server may have lost it).
export function offer(why) {
  if (!supported() || Notification.permission === 'denied') return null;
  if (Notification.permission === 'granted') {
    subscribe().catch(() => null);
    return null;
  }
  const status = h('p', { role: 'status' });
  const button = h('button', { type: 'button', class: 'secondary', id: 'push-enable' }, t('push_enable'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await subscribe();
      button.remove();
      status.textContent = t('push_on');
    } catch {
      button.disabled = Notification.permission === 'denied';
      status.textContent = t(Notification.permission === 'denied' ? 'push_denied' : 'push_failed');
    }
  });
  return h('section', { class: 'card', id: 'push-offer' }, h('h2', {}, t('push_title')), h('p', {}, t(why)), button, status);
}

export async function subscribe() {
  if ((await Notification.requestPermission()) !== 'granted') throw new Error('not allowed');
  const registration = await navigator.serviceWorker.ready;
  let subscription = await registration.pushManager.getSubscription();
  if (!subscription) {
    const { public_key: key } = await call('GET', '/push/vapid-public-key');
    subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: bytes(key) });
  }
  await deviceCall('PUT', '/devices/me/push-subscription', { body: subscription.toJSON() });
}

function bytes(base64url) {
  const text = atob(base64url.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}
