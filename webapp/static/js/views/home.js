// Home: the panic button first, then home isolation, the latest result and the questionnaires.
import * as alerts from '../alerts.js';
import { ApiError, call, deviceCall } from '../api.js';
import { h, replace } from '../dom.js';
import { forgetEpisode, keepEpisodeView } from '../episode.js';
import { longDate } from '../format.js';
import { lang, t } from '../i18n.js';
import { panicControl } from '../panic-button.js';
import { allResults } from '../results.js';
import { go } from '../router.js';
import * as store from '../store.js';
import { categoryBadge, notice } from '../ui.js';

export function homeView(root) {
  let alive = true;
  const isolation = h('section', { class: 'card', id: 'isolation-card', hidden: true });
  const questionnaires = h('section', { class: 'card', id: 'questionnaires' }, h('h2', {}, t('questionnaires_title')));
  replace(root,
    alertBanner(),
    h(
      'section',
      { class: 'panic-section', id: 'panic' },
      h('h1', { tabindex: '-1' }, t('panic_title')),
      panicControl((category) => {
        alerts.press(category).catch(() => null); // the status screen shows a failed send and retries it
        go('/alert');
      }),
    ),
    isolation,
    privacyBanner(),
    latestResults(),
    questionnaires,
  );
  drawIsolation(isolation, store.get('episodeView'), false);
  refreshIsolation(isolation, () => alive);
  drawQuestionnaires(questionnaires, () => alive);
  return () => {
    alive = false;
  };
}

function alertBanner() {
  if (alerts.pendingPress()) {
    return notice([t('alert_unsent_banner'), ' ', h('a', { href: '#/alert' }, t('see_status'))], 'error', { id: 'alert-banner' });
  }
  const alert = alerts.currentAlert();
  if (!alerts.isOpen(alert)) return null;
  return notice([t('alert_open_banner'), ' ', h('a', { href: '#/alert' }, t('see_status'))], 'warning', { id: 'alert-banner' });
}

function privacyBanner() {
  if (store.get('privacySeen')) return null;
  const ok = h('button', { type: 'button', class: 'secondary', id: 'privacy-ok' }, t('privacy_ok'));
  const banner = h(
    'div',
    { class: 'notice notice-info privacy-banner', id: 'privacy-banner' },
    h('p', {}, t('privacy_banner')),
    h('p', {}, h('a', { href: '#/privacy', id: 'privacy-link' }, t('privacy_read')), ' ', ok),
  );
  ok.addEventListener('click', () => {
    store.set('privacySeen', true);
    banner.remove();
  });
  return banner;
}

function drawIsolation(section, view, offline) {
  if (!store.get('episodeId') || !view) {
    section.hidden = true;
    return;
  }
  section.hidden = false;
  const parts = [h('h2', {}, t('isolation_title'))];
  if (view.status !== 'active') {
    const forget = h('button', { type: 'button', class: 'secondary' }, t('isolation_forget'));
    forget.addEventListener('click', () => {
      forgetEpisode();
      section.hidden = true;
    });
    parts.push(...closedEpisode(view), h('p', {}, forget));
    replace(section, parts);
    return;
  }
  parts.push(
    h('p', { class: 'isolation-day' }, t('isolation_day', { day: view.day, total: view.total_days })),
    h('p', { class: 'meta' }, t('isolation_end', { date: longDate(view.end_date) })),
  );
  if (view.reminders_today?.length) {
    parts.push(
      h('h3', {}, t('reminders_title')),
      h(
        'ul',
        { class: 'reminders', id: 'reminders' },
        view.reminders_today.map((reminder) =>
          h(
            'li',
            { class: reminder.done ? 'done' : 'due', 'data-slot': reminder.slot },
            h('span', { class: 'step-mark', 'aria-hidden': 'true' }, reminder.done ? '✓' : '○'),
            `${reminder.text}: ${reminder.done ? t('reminder_done') : t('reminder_due')}`,
          ),
        ),
      ),
    );
  }
  parts.push(h('p', {}, h('a', { class: 'button primary', href: '#/checkin', id: 'open-checkin' }, t('checkin_open'))));
  if (offline) parts.push(h('p', { class: 'meta' }, t('isolation_offline')));
  replace(section, parts);
}

// Why the isolation ended (its status is the closing outcome) and what the resident does now.
function closedEpisode(view) {
  const known = t(`closed_why_${view.status}`) !== `closed_why_${view.status}`;
  const again = ['completed', 'died', 'lost_to_follow_up'].includes(view.status);
  return [
    h('p', { class: 'strong', id: 'isolation-closed', 'data-status': view.status }, t('isolation_closed', { status: t(`status_${view.status}`) })),
    known ? h('p', { id: 'isolation-closed-why' }, t(`closed_why_${view.status}`, { date: longDate(view.end_date) })) : null,
    known ? h('p', { id: 'isolation-next' }, h('strong', {}, `${t('next_steps')}: `), t(`closed_next_${view.status}`)) : null,
    again ? h('p', {}, h('a', { href: '#/q/self-screening' }, t('screen_again'))) : null,
  ];
}

async function refreshIsolation(section, alive) {
  const id = store.get('episodeId');
  if (!id || !store.get('token')) return;
  try {
    const changed = keepEpisodeView(await deviceCall('GET', `/isolations/${id}`));
    // Drawn again only when something changed, so a button is not swapped under the resident's finger.
    if (alive() && changed) drawIsolation(section, store.get('episodeView'), false);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      forgetEpisode();
      if (alive()) section.hidden = true;
    } else if (alive()) {
      drawIsolation(section, store.get('episodeView'), true);
    }
  }
}

function latestResults() {
  const saved = allResults();
  if (!saved.length) return null;
  return h(
    'section',
    { class: 'card', id: 'latest-results' },
    h('h2', {}, t('last_result_title')),
    h(
      'ul',
      { class: 'link-list' },
      saved.map((item) =>
        h(
          'li',
          { 'data-questionnaire': item.questionnaire },
          h(
            'a',
            { href: `#/result/${encodeURIComponent(item.questionnaire)}` },
            h('span', {}, categoryBadge(item.result.category)),
            h('strong', {}, item.result.title),
            h('span', { class: 'meta' }, item.questionnaire_title, ' · ', longDate(item.created_at)),
          ),
        ),
      ),
    ),
  );
}

async function drawQuestionnaires(section, alive) {
  const key = `questionnaires.${lang()}`;
  const list = h('ul', { class: 'link-list', id: 'questionnaire-list' });
  const draw = (items) =>
    replace(
      list,
      items.map((item) =>
        h(
          'li',
          {},
          h(
            'a',
            { href: `#/q/${encodeURIComponent(item.id)}`, 'data-id': item.id },
            h('strong', {}, item.title),
            h('span', { class: 'meta' }, t('questionnaire_count', { n: item.question_count })),
          ),
        ),
      ),
    );
  const cached = store.get(key);
  if (cached) draw(cached);
  section.append(list);
  try {
    const items = await call('GET', `/questionnaires?lang=${lang()}`);
    store.set(key, items);
    if (alive()) draw(items);
  } catch {
    if (alive() && !cached) {
      const retry = h('button', { type: 'button', class: 'secondary' }, t('retry'));
      retry.addEventListener('click', () => {
        section.replaceChildren(h('h2', {}, t('questionnaires_title')));
        drawQuestionnaires(section, alive);
      });
      section.append(notice(t('questionnaires_unavailable'), 'error'), retry);
    }
  }
}
