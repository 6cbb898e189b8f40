// The offline check-in queue in IndexedDB: each check-in waits here, keyed by its client_id, until stored.
const DB_NAME = 'sumbar-siaga';
const STORE = 'checkins';

let opening = null;

function database() {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'client_id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  }).catch((error) => {
    opening = null;
    throw error;
  });
  return opening;
}

async function run(mode, work) {
  const db = await database();
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(STORE, mode);
    const request = work(transaction.objectStore(STORE));
    transaction.oncomplete = () => resolve(request?.result);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

function notify() {
  window.dispatchEvent(new CustomEvent('queue-changed'));
}

// entry: {client_id, episode_id, checkin (the body to send), queued_at}
export async function add(entry) {
  await run('readwrite', (store) => store.put({ ...entry, rejected: null }));
  notify();
}

export async function all() {
  const entries = await run('readonly', (store) => store.getAll());
  return entries.sort((a, b) => a.checkin.measured_at.localeCompare(b.checkin.measured_at));
}

export async function waiting() {
  return (await all()).filter((entry) => !entry.rejected);
}

export async function remove(clientIds) {
  await run('readwrite', (store) => {
    for (const id of clientIds) store.delete(id);
  });
  notify();
}

// The server refused it (e.g. the episode was closed): kept, with the reason, until the resident removes it.
export async function reject(entry, messages) {
  await run('readwrite', (store) => store.put({ ...entry, rejected: messages }));
  notify();
}

export async function clear() {
  await run('readwrite', (store) => store.clear());
  notify();
}
