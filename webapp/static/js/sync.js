// Sends the offline queue: all waiting check-ins of an episode in one request. Re-sending is safe because
// the server stores each client_id once, so a reply lost on the way only costs a second upload.
import { ApiError, deviceCall } from './api.js';
import { keepEpisodeView } from './episode.js';
import * as queue from './queue.js';
import * as store from './store.js';

const RETRY_MS = 30000;
// Announced with the replies of every sending, whatever started it (a tap, the network coming back, the timer):
// a screen waiting for a check-in's result draws it when it comes.
export const ANSWERED = 'checkins-answered';
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
    // Cleared before anything else runs: a flush() asked for after the last pass starts a sending of its own.
    running = null;
    if (replies.size) window.dispatchEvent(new CustomEvent(ANSWERED, { detail: replies }));
    return { replies, error };
  })();
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

// One waiting check-in goes to /checkins as an object; several go as one list to /checkins/batch.
async function post(episodeId, batch) {
  const bodies = batch.map((entry) => entry.checkin);
  if (bodies.length === 1) {
    const reply = await deviceCall('POST', `/isolations/${episodeId}/checkins`, { body: bodies[0] });
    return { checkins: [reply], hotlines: reply.hotlines, episode: reply.episode, hospitals: reply.hospitals };
  }
  return deviceCall('POST', `/isolations/${episodeId}/checkins/batch`, { body: bodies });
}

// 422 messages per check-in of `batch`: a list is answered by index, a single check-in by field.
function refusals(error, batch) {
  const fields = error.fieldErrors;
  if (batch.length === 1) return new Map([[0, flatten(fields).length ? flatten(fields) : [error.message]]]);
  return new Map(
    batch.map((_, index) => [index, fields[String(index)]]).filter(([, messages]) => messages).map(
      ([index, messages]) => [index, flatten(messages)],
    ),
  );
}

async function sendEpisode(episodeId, entries, replies) {
  let batch = entries;
  while (batch.length) {
    try {
      const reply = await post(episodeId, batch);
      reply.checkins.forEach((checkin, index) => {
        // The hotlines and the hospitals with a free bed come once per request, for every check-in it carried.
        replies.set(batch[index].client_id, {
          ...checkin,
          hotlines: checkin.hotlines ?? reply.hotlines ?? null,
          hospitals: reply.hospitals,
        });
      });
      await queue.remove(batch.map((entry) => entry.client_id));
      if (reply.episode && store.get('episodeId') === episodeId) keepEpisodeView(reply.episode);
      return;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.status === 422) {
        // Nothing of the list was stored: keep the refused ones aside and send the rest again.
        const refused = refusals(error, batch);
        if (!refused.size) {
          for (const entry of batch) await queue.reject(entry, [error.message]);
          return;
        }
        for (const [index, messages] of refused) await queue.reject(batch[index], messages);
        batch = batch.filter((_, index) => !refused.has(index));
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
