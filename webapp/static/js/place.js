// Where the resident isolates: the address in their words and, only when they tap to share it, the phone's GPS pin.
import { deviceCall } from './api.js';
import { h, replace } from './dom.js';
import { t } from './i18n.js';
import { clearFieldErrors, notice, showFailure } from './ui.js';

// The fields for a form; `current` is what the server holds (when correcting). Returns the element and a reader.
export function placeFields(current = {}) {
  let pin = current.lat != null && current.lon != null ? { lat: current.lat, lon: current.lon } : null;
  const status = h('p', { class: 'hint', id: 'pin-status', 'aria-live': 'polite' });
  const share = h('button', { type: 'button', class: 'secondary', id: 'share-pin' }, t('pin_share'));
  const clear = h('button', { type: 'button', class: 'secondary', id: 'clear-pin' }, t('pin_clear'));
  const draw = (text) => {
    status.textContent = text ?? (pin ? t('pin_kept') : t('pin_none'));
    clear.hidden = !pin;
  };
  share.addEventListener('click', () => {
    if (!('geolocation' in navigator)) {
      draw(t('pin_unavailable'));
      return;
    }
    draw(t('location_waiting'));
    share.disabled = true;
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const { latitude, longitude, accuracy } = position.coords;
        pin = { lat: Number(latitude.toFixed(6)), lon: Number(longitude.toFixed(6)) };
        share.disabled = false;
        draw(t('pin_taken', { m: Math.round(accuracy) }));
      },
      () => {
        share.disabled = false;
        draw(t('pin_unavailable'));
      },
      { enableHighAccuracy: true, timeout: 20000, maximumAge: 0 },
    );
  });
  clear.addEventListener('click', () => {
    pin = null;
    draw();
  });
  draw();
  const element = h(
    'div',
    { class: 'place-fields' },
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'address' }, t('address_label')),
      h('p', { class: 'hint', id: 'address-hint' }, t('address_hint')),
      h('textarea', {
        id: 'address', name: 'address', rows: '2', maxlength: '300', autocomplete: 'street-address',
        'aria-describedby': 'address-hint',
      }, current.address ?? ''),
    ),
    h(
      'fieldset',
      { class: 'group', id: 'lat' },
      h('legend', {}, t('pin_legend'), h('span', { class: 'optional' }, ` ${t('optional')}`)),
      h('p', { class: 'hint' }, t('pin_consent')),
      h('div', { class: 'pin-buttons' }, share, clear),
      status,
    ),
  );
  const read = () => {
    const address = element.querySelector('#address').value.trim();
    return { address: address || null, lat: pin?.lat ?? null, lon: pin?.lon ?? null };
  };
  return { element, read };
}

// The check-in screen's card: the address the task force has, and a form to correct it (needs the network).
export function placeSection(episodeId) {
  const section = h('section', { class: 'card', id: 'isolation-place' }, h('h2', {}, t('place_title')));
  const body = h('div', {});
  section.append(body);
  const show = (episode) => {
    const edit = h('button', { type: 'button', class: 'secondary', id: 'edit-place' }, t('place_edit'));
    edit.addEventListener('click', () => body.replaceChildren(placeForm(episodeId, episode, show)));
    // Through replace(), which skips the nulls: the DOM's own replaceChildren would write them as the text "null".
    replace(
      body,
      h('p', { id: 'place-address' }, episode.address ?? t('place_none')),
      episode.lat != null ? h('p', { class: 'hint' }, t('place_pin_shared')) : null,
      episode.status === 'active' ? edit : null,
    );
  };
  deviceCall('GET', `/isolations/${episodeId}`).then(show, () => section.remove());
  return section;
}

function placeForm(episodeId, episode, show) {
  const place = placeFields(episode);
  const status = h('div', { 'aria-live': 'polite' });
  const save = h('button', { type: 'submit', class: 'primary', id: 'save-place' }, t('place_save'));
  const form = h('form', { novalidate: true, id: 'place-form' }, place.element, status, save);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    status.replaceChildren();
    save.disabled = true;
    try {
      show(await deviceCall('PUT', `/isolations/${episodeId}/place`, { body: place.read() }));
      document.querySelector('#isolation-place')?.append(notice(t('place_saved'), 'success', { id: 'place-saved' }));
    } catch (error) {
      save.disabled = false;
      showFailure(form, status, error);
    }
  });
  return form;
}
