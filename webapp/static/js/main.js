// Starts the app: language, service worker, device registration, the offline queue and the screens.
import * as alerts from './alerts.js';
import { ensureToken } from './api.js';
import { h, replace } from './dom.js';
import { applyLang, lang, setLang, t } from './i18n.js';
import * as queue from './queue.js';
import { render, start } from './router.js';
import { startAutoSync } from './sync.js';
import { alertView } from './views/alert.js';
import { checkinView } from './views/checkin.js';
import { homeView } from './views/home.js';
import { myDataView } from './views/mydata.js';
import { privacyView } from './views/privacy.js';
import { questionnaireView } from './views/questionnaire.js';
import { resultView } from './views/result.js';

const ROUTES = [
  [/^\/$/, homeView],
  [/^\/q\/([^/]+)$/, questionnaireView],
  [/^\/result(?:\/([^/]+))?$/, resultView],
  [/^\/checkin$/, checkinView],
  [/^\/alert(?:\/([^/]+))?$/, alertView],
  [/^\/data$/, myDataView],
  [/^\/privacy$/, privacyView],
];

function translateShell() {
  applyLang();
  document.title = 'Sumbar Siaga';
  document.getElementById('skip-link').textContent = t('skip_link');
  const button = document.getElementById('lang-switch');
  button.textContent = t('lang_switch');
  button.setAttribute('aria-label', t('lang_switch_label'));
  button.setAttribute('lang', lang() === 'id' ? 'en' : 'id');
  replace(
    document.getElementById('footer-nav'),
    h('a', { href: '#/' }, t('nav_home')),
    h('a', { href: '#/data', id: 'nav-data' }, t('nav_data')),
    h('a', { href: '#/privacy', id: 'nav-privacy' }, t('nav_privacy')),
  );
  updateBadge();
}

// "Waiting to send (n)": shown only while check-ins wait; at 0 there is nothing to say.
async function updateBadge() {
  const badge = document.getElementById('queue-badge');
  const count = (await queue.waiting()).length;
  badge.dataset.count = String(count);
  badge.textContent = t('queue_badge', { n: count });
  badge.classList.toggle('has-waiting', count > 0);
  badge.hidden = count === 0;
}

function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  const scope = document.querySelector('meta[name="sumbar-sw-scope"]').content;
  const hadController = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.register(`${scope}/sw.js`, { scope }).catch(() => null);
  // A new version took over this page: offer to reload rather than mix old screens with new files.
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (!hadController || document.getElementById('update-banner')) return;
    const reload = h('button', { type: 'button', class: 'secondary' }, t('reload'));
    reload.addEventListener('click', () => location.reload());
    document.querySelector('.topbar').after(
      h('div', { class: 'notice notice-info update-banner', id: 'update-banner', role: 'status' }, t('update_ready'), ' ', reload),
    );
  });
}

translateShell();
document.getElementById('lang-switch').addEventListener('click', () => {
  setLang(lang() === 'id' ? 'en' : 'id');
  translateShell();
  render();
});
window.addEventListener('queue-changed', updateBadge);
window.addEventListener('storage', updateBadge);
window.addEventListener('hashchange', updateBadge);
start(ROUTES, document.getElementById('main'));
registerServiceWorker();
ensureToken().catch(() => null); // first run: register now; without a network, on the first call that needs it
startAutoSync();
if (alerts.pendingPress()) alerts.send().catch(() => null); // a press that never left the phone goes now
