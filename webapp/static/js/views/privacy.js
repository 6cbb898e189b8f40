// The privacy notice as the API publishes it, in the chosen language (kept on the phone for offline reading).
import { call } from '../api.js';
import { h, replace } from '../dom.js';
import { lang, t } from '../i18n.js';
import * as store from '../store.js';
import { backHome, heading, notice } from '../ui.js';

export function privacyView(root) {
  let alive = true;
  const key = `privacy.${lang()}`;
  const draw = (notice_) =>
    replace(
      root,
      heading(notice_.title || t('privacy_title')),
      h('p', { class: 'meta' }, notice_.version ? `v${notice_.version}` : null),
      (notice_.sections || []).map((section) =>
        h(
          'section',
          { class: 'privacy-section' },
          h('h2', {}, section.heading),
          String(section.text ?? '').split(/\n{2,}/).map((paragraph) => h('p', {}, paragraph)),
        ),
      ),
      backHome(),
    );
  const cached = store.get(key);
  if (cached) draw(cached);
  else replace(root, heading(t('privacy_title')), notice(t('loading')));
  call('GET', `/privacy?lang=${lang()}`)
    .then((body) => {
      store.set(key, body);
      if (alive) draw(body);
    })
    .catch(() => {
      if (!alive || cached) return;
      replace(
        root,
        heading(t('privacy_title')),
        notice(t('privacy_unavailable'), 'error', { id: 'privacy-unavailable' }),
        backHome(),
      );
    });
  return () => {
    alive = false;
  };
}
