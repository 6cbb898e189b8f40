// Small values the app keeps on the phone (localStorage): token, language, region, ids, last results.
const PREFIX = 'sumbar.';

export function get(key, fallback = null) {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    return raw === null ? fallback : JSON.parse(raw);
  } catch {
    return fallback;
  }
}

export function set(key, value) {
  if (value === null || value === undefined) {
    localStorage.removeItem(PREFIX + key);
  } else {
    localStorage.setItem(PREFIX + key, JSON.stringify(value));
  }
}

export function remove(key) {
  localStorage.removeItem(PREFIX + key);
}

// Everything the app keeps except the language, which is a setting rather than data about the resident.
export function forgetAll() {
  for (const key of Object.keys(localStorage)) {
    if (key.startsWith(PREFIX) && key !== `${PREFIX}lang`) localStorage.removeItem(key);
  }
}
