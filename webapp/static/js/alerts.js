// The panic press: kept on the phone, sent at once with an Idempotency-Key (the same key on every retry,
// so the task force gets one alert), the location sent after it when a fix arrives, the status read back.
import { ApiError, deviceCall } from './api.js';
import { uuid } from './ids.js';
import * as store from './store.js';

const PENDING = 'panicPending';
const ALERT = 'alert';
const LOCATION = 'alertLocation';
export const OPEN_STATUSES = ['new', 'acknowledged', 'dispatched'];

function changed() {
  window.dispatchEvent(new CustomEvent('alert-changed'));
}

export function pendingPress() {
  return store.get(PENDING);
}

export function currentAlert() {
  return store.get(ALERT);
}

export function locationState() {
  return store.get(LOCATION);
}

export function isOpen(alert) {
  return Boolean(alert && OPEN_STATUSES.includes(alert.status));
}

export function press(category) {
  const body = { category };
  // Without a GPS fix the declared kabupaten/kota routes the alert to its task force.
  const region = store.get('region');
  const phone = store.get('phone');
  if (region) body.region = region;
  if (phone) body.phone = phone;
  store.set(PENDING, { key: uuid(), body, pressed_at: new Date().toISOString() });
  store.set(LOCATION, { state: 'waiting' });
  changed();
  locate();
  return send();
}

let sending = null;

// Resolves to the alert, or rejects with why it could not be sent; the press stays kept until it is sent.
export function send() {
  sending ??= sendPending().finally(() => {
    sending = null;
  });
  return sending;
}

async function sendPending() {
  const pending = store.get(PENDING);
  if (!pending) return store.get(ALERT);
  const reply = await deviceCall('POST', '/alerts', { body: pending.body, idempotencyKey: pending.key, timeout: 15000 });
  store.set(ALERT, { ...reply, pressed_at: pending.pressed_at });
  store.remove(PENDING);
  changed();
  sendLocation();
  return reply;
}

// Stop retrying a press that was never sent (the resident phoned instead, say).
export function discardPending() {
  store.remove(PENDING);
  changed();
}

function locate() {
  if (!('geolocation' in navigator)) {
    store.set(LOCATION, { state: 'unavailable' });
    return;
  }
  navigator.geolocation.getCurrentPosition(
    (position) => {
      const { latitude, longitude, accuracy } = position.coords;
      const fix = {
        lat: latitude, lon: longitude, accuracy_m: Math.round(accuracy),
        located_at: new Date(position.timestamp).toISOString(),
      };
      store.set(LOCATION, { state: 'fix', fix });
      changed();
      sendLocation();
    },
    () => {
      store.set(LOCATION, { state: 'unavailable' });
      changed();
    },
    { enableHighAccuracy: true, timeout: 60000, maximumAge: 60000 },
  );
}

// A fix not yet sent goes out once the alert exists; called again on every status poll until it is sent.
export async function sendLocation() {
  const location = store.get(LOCATION);
  const alert = store.get(ALERT);
  if (location?.state === 'fix' && alert && !store.get(PENDING) && !isOpen(alert)) {
    store.set(LOCATION, { state: 'closed' }); // too late to help: forget the coordinates
    return;
  }
  if (location?.state !== 'fix' || !alert || store.get(PENDING)) return;
  try {
    const reply = await deviceCall('POST', `/alerts/${alert.id}/locations`, { body: location.fix });
    // Once the task force has it, the phone keeps no coordinates, only how precise they were.
    store.set(LOCATION, { state: 'sent', accuracy_m: location.fix.accuracy_m });
    keep(reply); // its message says to call 112 at once when the fix lies outside the province
  } catch (error) {
    if (error instanceof ApiError && error.status !== 429 && error.status < 500) {
      store.set(LOCATION, { state: 'unavailable' });
      changed();
    }
  }
}

function keep(alert) {
  const saved = store.get(ALERT);
  // The reply to the press carries the numbers and the target; later reads of the status do not.
  const merged = saved?.id === alert.id ? { ...saved, ...alert } : alert;
  for (const key of ['message', 'has_phone', 'hotlines', 'expected_response_minutes']) {
    if (alert[key] === undefined && saved?.id === alert.id) merged[key] = saved[key];
  }
  if (saved?.id === alert.id || !saved || !isOpen(saved)) store.set(ALERT, merged);
  changed();
  return merged;
}

// Any alert of this device (a check-in can open one), read without replacing the resident's own press.
export function read(id) {
  return deviceCall('GET', `/alerts/${id}`);
}

export async function refresh(id) {
  return keep(await read(id));
}

// A number for the task force to call back, for a press that carried none; kept on the phone for the next press.
export async function addPhone(id, phone) {
  const reply = await deviceCall('POST', `/alerts/${id}/phone`, { body: { phone } });
  store.set('phone', phone);
  return keep(reply);
}

export async function cancel(id) {
  return keep(await deviceCall('POST', `/alerts/${id}/cancel`, { body: {} }));
}
