// The latest screening result: category in colour and words, advice, next steps, numbers, the region's
// situation, and the way into home isolation for the results that call for it.
import { deviceCall } from '../api.js';
import { h, replace } from '../dom.js';
import { followEpisode } from '../episode.js';
import { longDate, number } from '../format.js';
import { hospitalsCard } from '../hospitals.js';
import { t } from '../i18n.js';
import { placeFields } from '../place.js';
import { offer } from '../push.js';
import { resultFor } from '../results.js';
import * as store from '../store.js';
import {
  backHome,
  categoryBadge,
  clearFieldErrors,
  emergencyNumbers,
  heading,
  hotlinesSection,
  notice,
  showFailure,
} from '../ui.js';

export function resultView(root, questionnaire) {
  const saved = resultFor(questionnaire);
  if (!saved) {
    replace(root, heading(t('result_title')), notice(t('result_none')), backHome());
    return;
  }
  const { result } = saved;
  replace(root,
    heading(t('result_title')),
    h('p', { class: 'meta' }, saved.questionnaire_title, ' · ', t('result_sent', { date: longDate(saved.created_at) })),
    h(
      'section',
      { class: `card result-card category-${result.category}`, id: 'result', 'data-category': result.category },
      h('p', { class: 'category-line' }, h('span', { class: 'label' }, `${t('category_label')}: `), categoryBadge(result.category)),
      h('h2', { class: 'result-title' }, result.title),
      // A risk test's advice opens with its score ("Skor Anda 9 dari 14"), so the score is not repeated here.
      h('p', { class: 'advice' }, result.advice),
      result.urgent || result.category === 'emergency' ? emergencyNumbers() : null,
    ),
    result.urgent || result.category === 'emergency'
      ? hospitalsCard({ region: result.region_situation?.region ?? store.get('region') })
      : null,
    result.home_isolation_reason ? isolationOffer(saved) : null,
    listSection(t('next_steps'), result.next_steps, 'ol', 'next-steps'),
    listSection(t('reasons_title'), result.reason_texts, 'ul', 'reasons'),
    situation(result.region_situation),
    hotlinesSection(result.hotlines),
    backHome(),
  );
}

function listSection(title, items, tag, id) {
  if (!items?.length) return null;
  return h('section', { class: 'card', id }, h('h2', {}, title), h(tag, {}, items.map((item) => h('li', {}, item))));
}

function situation(info) {
  if (!info) return null;
  const level = info.transmission_level;
  return h(
    'section',
    { class: `card situation${level ? ` level-${level}` : ''}`, id: 'region-situation' },
    h('h2', {}, t('situation_title', { name: info.name ?? info.region })),
    h(
      'p',
      { class: 'situation-level' },
      level ? t('situation_level', { level }) : t('situation_level_unknown'),
    ),
    info.cases_7day_per_100k !== null && info.cases_7day_per_100k !== undefined
      ? h('p', {}, t('situation_cases', { value: number(info.cases_7day_per_100k) }))
      : null,
    info.text ? h('p', {}, info.text) : null,
    info.week_end ? h('p', { class: 'meta' }, t('situation_week', { date: longDate(info.week_end) })) : null,
  );
}

function activeEpisode() {
  const view = store.get('episodeView');
  return store.get('episodeId') && (!view || view.status === 'active');
}

function isolationOffer(saved) {
  const section = h('section', { class: 'card', id: 'isolation-offer' }, h('h2', {}, t('isolation_offer_title')));
  if (activeEpisode()) {
    section.append(
      h('p', {}, t('already_isolating')),
      h('p', {}, h('a', { class: 'button', href: '#/checkin' }, t('checkin_open'))),
    );
    return section;
  }
  const status = h('div', { 'aria-live': 'polite' });
  const place = placeFields();
  const submit = h('button', { type: 'submit', class: 'primary', id: 'start-isolation' }, t('start_isolation'));
  const form = h(
    'form',
    { novalidate: true, id: 'isolation-form' },
    h('p', {}, t('isolation_offer_text')),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'name' }, t('name_label'), h('span', { class: 'optional' }, ` ${t('optional')}`)),
      h('input', { id: 'name', name: 'name', type: 'text', autocomplete: 'name', maxlength: '120' }),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'phone' }, t('phone_label'), h('span', { class: 'optional' }, ` ${t('optional')}`)),
      h('input', { id: 'phone', name: 'phone', type: 'tel', autocomplete: 'tel', inputmode: 'tel', value: store.get('phone') }),
    ),
    place.element,
    status,
    submit,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    status.replaceChildren();
    const body = { screening_response_id: saved.id, ...place.read() };
    const name = form.querySelector('#name').value.trim();
    const phone = form.querySelector('#phone').value.trim();
    if (name) body.name = name;
    if (phone) body.phone = phone;
    submit.disabled = true;
    try {
      const episode = await deviceCall('POST', '/isolations', { body });
      followEpisode(episode);
      // Kept so that a panic press can give the task force a number to call back.
      if (phone) store.set('phone', phone);
      form.replaceWith(
        notice(t('isolation_started'), 'success', { id: 'isolation-started' }),
        h('p', {}, h('a', { class: 'button primary', href: '#/checkin' }, t('checkin_open'))),
        offer('push_why_isolation'),
      );
    } catch (error) {
      submit.disabled = false;
      showFailure(form, status, error);
    }
  });
  section.append(form);
  return section;
}
