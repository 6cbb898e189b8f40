// My data: what this phone keeps, what the server keeps (to read and download), and erasing it all.
import { ApiError, call } from '../api.js';
import { h, replace } from '../dom.js';
import { longDate } from '../format.js';
import { lang, t } from '../i18n.js';
import * as queue from '../queue.js';
import { regionName } from '../regions.js';
import { allResults } from '../results.js';
import * as store from '../store.js';
import { categoryBadge, failureText, heading, notice, backHome } from '../ui.js';

export function myDataView(root) {
  const onPhone = h('section', { class: 'card', id: 'on-phone' });
  const onServer = h('section', { class: 'card', id: 'on-server' }, h('h2', {}, t('on_server_title')));
  const erase = h('section', { class: 'card', id: 'delete-data' });
  replace(root, heading(t('mydata_title')), onPhone, onServer, erase, backHome());
  drawPhone(onPhone);
  drawServer(onServer);
  drawErase(erase, root);
}

function row(label, value) {
  return [h('dt', {}, label), h('dd', {}, value ?? t('nothing'))];
}

async function drawPhone(section) {
  const results = allResults();
  const alert = store.get('alert');
  const waiting = (await queue.all()).length;
  replace(
    section,
    h('h2', {}, t('on_phone_title')),
    h(
      'dl',
      { class: 'facts' },
      row(t('on_phone_token'), store.get('token') ? t('stored') : null),
      row(t('on_phone_lang'), lang() === 'en' ? 'English' : 'Bahasa Indonesia'),
      row(t('on_phone_region'), store.get('region') ? regionName(store.get('region')) : null),
      row(t('on_phone_episode'), episodeFacts(store.get('episodeId'), store.get('episodeView'))),
      row(t('on_phone_result'), results.length ? results.map((item) => h('span', { class: 'fact-line' }, categoryBadge(item.result.category), ' ', item.questionnaire_title, ', ', longDate(item.created_at))) : null),
      row(t('on_phone_queue'), String(waiting)),
      row(t('on_phone_alert'), alert?.status ? `${t(`alert_status_${alert.status}`)}, ${longDate(alert.created_at)}` : null),
      row(t('on_phone_phone'), store.get('phone')),
    ),
  );
}

// The episode in words; its number only shortened, with the whole of it to copy for a resident the task
// force asks for it.
function episodeFacts(id, view) {
  if (!id) return null;
  const copy = h('button', { type: 'button', class: 'secondary', id: 'copy-episode' }, t('copy'));
  copy.setAttribute('aria-label', t('copy_episode_label'));
  copy.hidden = !navigator.clipboard;
  copy.addEventListener('click', () =>
    navigator.clipboard.writeText(id).then(() => {
      copy.textContent = t('copied');
    }, () => null),
  );
  return [
    view?.status ? h('span', { class: 'fact-line' }, t('episode_fact', { status: t(`status_${view.status}`), end: longDate(view.end_date) })) : null,
    h('span', { class: 'fact-line' }, t('episode_number'), ' ', h('code', { id: 'episode-short' }, id.slice(0, 8)), ' ', copy),
  ];
}

// Parts of the export shown as more than a count of records.
const SERVER_PARTS = {
  device: (value) => (value?.created_at ? t('server_device_since', { date: longDate(value.created_at) }) : t('stored')),
};

async function drawServer(section) {
  const token = store.get('token');
  if (!token) {
    section.append(notice(t('not_registered')));
    return;
  }
  section.append(h('p', { class: 'meta' }, t('loading')));
  try {
    const data = await call('GET', '/devices/me/data', { token });
    const json = JSON.stringify(data, null, 2);
    const download = h('a', {
      class: 'button primary', id: 'download-data',
      href: URL.createObjectURL(new Blob([json], { type: 'application/json' })),
      download: `sumbar-siaga-data-${new Date().toISOString().slice(0, 10)}.json`,
    }, t('download'));
    replace(
      section,
      h('h2', {}, t('on_server_title')),
      h('dl', { class: 'facts', id: 'server-summary' }, Object.entries(data).flatMap(([key, value]) => summary(key, value))),
      h('p', {}, download),
      h('details', {}, h('summary', {}, 'JSON'), h('pre', { class: 'json', id: 'server-json' }, json)),
    );
  } catch (error) {
    replace(
      section,
      h('h2', {}, t('on_server_title')),
      notice(t('data_unavailable', { status: error?.status ?? '—' }), 'error', { id: 'server-data-error' }),
    );
  }
}

// The export's parts by name, in words; a part this app does not know yet still shows, by its own name.
function summary(key, value) {
  const label = t(`server_${key}`) === `server_${key}` ? key.replace(/_/g, ' ') : t(`server_${key}`);
  if (SERVER_PARTS[key]) return row(label, SERVER_PARTS[key](value));
  if (Array.isArray(value)) return row(label, t('on_server_items', { n: value.length }));
  if (value && typeof value === 'object') return row(label, t('stored'));
  return row(label, value === null ? null : String(value));
}

function drawErase(section, root) {
  const ask = h('button', { type: 'button', class: 'danger', id: 'delete-all' }, t('delete_button'));
  const status = h('div', { 'aria-live': 'polite' });
  replace(section, h('h2', {}, t('delete_title')), h('p', {}, t('delete_text')), h('p', {}, ask), status);
  ask.addEventListener('click', () => {
    const yes = h('button', { type: 'button', class: 'danger', id: 'delete-all-yes' }, t('delete_confirm_yes'));
    const no = h('button', { type: 'button', class: 'secondary' }, t('panic_confirm_no'));
    no.addEventListener('click', () => drawErase(section, root));
    yes.addEventListener('click', async () => {
      yes.disabled = true;
      try {
        await eraseEverything();
        replace(root, heading(t('mydata_title')), notice(t('deleted'), 'success', { id: 'data-deleted' }), backHome());
      } catch (error) {
        yes.disabled = false;
        replace(status, notice(t('delete_failed', { status: error?.status ?? failureText(error) }), 'error'));
      }
    });
    replace(status, h('div', { class: 'confirm' }, h('p', {}, t('delete_confirm')), yes, ' ', no));
    yes.focus();
  });
}

// The server first; only once it has erased (or never knew) this device does the phone forget too.
async function eraseEverything() {
  const token = store.get('token');
  if (token) {
    try {
      await call('DELETE', '/devices/me', { token });
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    }
  }
  store.forgetAll();
  await queue.clear();
}
