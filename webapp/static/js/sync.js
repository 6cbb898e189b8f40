// Sends the offline queue: all waiting check-ins of an episode in one list. Re-sending is safe because
// the server stores each client_id once, so a reply lost on the way only costs a second upload.
import { ApiError, deviceCall } from './api.js';
import { keepEpisodeView } from './episode.js';
import * as queue from './queue.js';
import * as store from './store.js';

const RETRY_MS = 30000;
let running = null;
let again = false;

// Resolves (never rejects) to {replies: Map client_id -> the server's check-in, error: null or why it stopped}.
export function flush() {
  if (running) {
    again = true; // something was queued while sending: one more pass before this promise resolves
    return running;
  }
  running = (async () => {
    const replies = new Map();
    let error = null;
    do {
      again = false;
      try {
        await sendAll(replies);
      } catch (failure) {
        error = failure;
      }
    } while (again && !error);
    return { replies, error };
  })().finally(() => {
    running = null;
  });
  return running;
}

async function sendAll(replies) {
  const byEpisode = new Map();
  for (const entry of await queue.waiting()) {
    if (!byEpisode.has(entry.episode_id)) byEpisode.set(entry.episode_id, []);
    byEpisode.get(entry.episode_id).push(entry);
  }
  for (const [episodeId, entries] of byEpisode) await sendEpisode(episodeId, entries, replies);
}

async function sendEpisode(episodeId, entries, replies) {
  let batch = entries;
  while (batch.length) {
    try {
      const reply = await deviceCall('POST', `/isolations/${episodeId}/checkins`, {
        body: batch.map((entry) => entry.checkin),
      });
      reply.checkins.forEach((checkin, index) => {
        replies.set(batch[index].client_id, { ...checkin, hotlines: checkin.hotlines ?? reply.hotlines ?? null });
      });
      await queue.remove(batch.map((entry) => entry.client_id));
      if (reply.episode && store.get('episodeId') === episodeId) keepEpisodeView(reply.episode);
      return;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.status === 422) {
        // Nothing of the list was stored: keep the refused ones aside and send the rest again.
        const perItem = error.fieldErrors;
        const refused = batch.filter((_, index) => perItem[String(index)]);
        for (const [index, entry] of batch.entries()) {
          if (perItem[String(index)]) await queue.reject(entry, flatten(perItem[String(index)]));
        }
        if (!refused.length) {
          for (const entry of batch) await queue.reject(entry, [error.message]);
        }
        batch = batch.filter((_, index) => !perItem[String(index)]);
      } else if ([403, 404, 409].includes(error.status)) {
        // The episode is closed or no longer this device's: these check-ins can never be stored.
        for (const entry of batch) await queue.reject(entry, [error.message]);
        return;
      } else {
        throw error;
      }
    }
  }
}

export function flatten(messages) {
  if (typeof messages === 'string') return [messages];
  if (Array.isArray(messages)) return messages.flatMap(flatten);
  if (messages && typeof messages === 'object') {
    return Object.entries(messages).flatMap(([field, inner]) => flatten(inner).map((text) => `${field}: ${text}`));
  }
  return [];
}

// On app start, whenever the browser says the network is back, and every half minute while anything waits.
export function startAutoSync() {
  window.addEventListener('online', () => flush());
  setInterval(async () => {
    if ((await queue.waiting()).length) flush();
  }, RETRY_MS);
  flush();
}
