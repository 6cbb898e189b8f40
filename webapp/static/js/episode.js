// The home-isolation episode this phone follows: its id and a summary for the home screen when offline.
import * as store from './store.js';

// What the screens show; the name, phone, address, pin and past check-ins stay on the server.
export function keepEpisodeView(view) {
  const { history, name, phone, address, lat, lon, maps_url, events, ...summary } = view;
  const unchanged = JSON.stringify(summary) === JSON.stringify(store.get('episodeView'));
  store.set('episodeView', summary);
  return !unchanged;
}

export function followEpisode(view) {
  store.set('episodeId', view.id);
  keepEpisodeView(view);
}

export function forgetEpisode() {
  store.remove('episodeId');
  store.remove('episodeView');
}
