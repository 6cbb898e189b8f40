// The API over HTTP, as any phone app calls it: JSON in and out, the chosen language, the device token.
import { lang } from './i18n.js';
import * as store from './store.js';

const BASE = '/api/v1';
const TIMEOUT_MS = 20000;

// No answer at all: offline, the server unreachable, or too slow.
export class NetworkError extends Error {}

// The server answered with an error body: an RFC 9457 problem (application/problem+json) that also carries
// {code, message, errors}; the page reads message and errors.json.
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }

  // Messages per field of the JSON body, e.g. {answers: {age: [...]}, region: [...]}.
  get fieldErrors() {
    return this.body?.errors?.json ?? {};
  }
}

export async function call(method, path, { body, token, idempotencyKey, timeout = TIMEOUT_MS } = {}) {
  const headers = { Accept: 'application/json', 'Accept-Language': lang() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeout);
  try {
    const response = await fetch(BASE + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
      cache: 'no-store',
    });
    const text = await response.text();
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      // Not the API's JSON: a proxy's error page, say. An error status still counts as the server's answer.
      if (response.ok) throw new NetworkError('unreadable reply');
    }
    if (!response.ok) throw new ApiError(response.status, data);
    return data;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new NetworkError(String(error?.message || error));
  } finally {
    clearTimeout(timer);
  }
}

let registering = null;

// The device token, registering the phone on first use (once, however many callers ask at the same time).
export function ensureToken() {
  const token = store.get('token');
  if (token) return Promise.resolve(token);
  registering ??= register().finally(() => {
    registering = null;
  });
  return registering;
}

function appVersion() {
  return document.querySelector('meta[name="sumbar-app-version"]')?.content || 'web';
}

async function privacyVersion() {
  try {
    const notice = await call('GET', `/privacy?lang=${lang()}`, { timeout: 5000 });
    return notice?.version ?? null;
  } catch {
    return null;
  }
}

async function register() {
  const body = { platform: 'web', app_version: appVersion() };
  // The notice the first-run banner links to; a server without the privacy endpoint is not sent it.
  const version = await privacyVersion();
  let device;
  try {
    device = await call('POST', '/devices', { body: version ? { ...body, privacy_notice_version: version } : body });
  } catch (error) {
    if (!(version && error instanceof ApiError && error.status === 422)) throw error;
    device = await call('POST', '/devices', { body });
  }
  store.set('token', device.token);
  store.set('device', { id: device.id, created_at: device.created_at, privacy_notice_version: version });
  return device.token;
}

// A call as this device. A token the server no longer knows (401) is replaced once by a new registration.
export async function deviceCall(method, path, options = {}) {
  const token = await ensureToken();
  try {
    return await call(method, path, { ...options, token });
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) throw error;
    if (store.get('token') === token) {
      store.remove('token');
      store.remove('device');
    }
    return call(method, path, { ...options, token: await ensureToken() });
  }
}
