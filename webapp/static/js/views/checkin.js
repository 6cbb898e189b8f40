// The daily check-in: kept on the phone first, sent when possible, and the triage shown when it answers.
import { h, replace } from '../dom.js';
import { wibTime } from '../format.js';
import { hospitalsCard } from '../hospitals.js';
import { t } from '../i18n.js';
import { uuid } from '../ids.js';
import { placeSection } from '../place.js';
import * as queue from '../queue.js';
import { ANSWERED, flush } from '../sync.js';
import * as store from '../store.js';
import {
  backHome,
  clearFieldErrors,
  emergencyNumbers,
  heading,
  notice,
  phoneLinks,
  showFieldError,
  triageBadge,
} from '../ui.js';

// The values the API accepts (CheckinSchema, screening.isolation.SYMPTOMS and DANGER_SIGNS).
const SYMPTOMS = [
  'fever', 'cough', 'sore_throat', 'runny_nose', 'shortness_of_breath', 'loss_of_smell_or_taste', 'fatigue',
  'headache', 'muscle_ache', 'diarrhea', 'nausea_vomiting',
];
const DANGER_SIGNS = ['severe_breathing_difficulty', 'chest_pain', 'confusion', 'bluish_lips', 'unable_to_drink'];
const MEASUREMENTS = [
  { key: 'temperature_c', label: 'temperature_label', unit: '°C', min: 30, max: 45, integer: false },
  { key: 'spo2', label: 'spo2_label', unit: '%', min: 50, max: 100, integer: true },
  { key: 'respiratory_rate', label: 'rr_label', unit: null, min: 5, max: 80, integer: true, hint: 'rr_hint' },
];

function measurementField(m) {
  return h(
    'div',
    { class: 'field' },
    h('label', { for: m.key }, t(m.label)),
    m.hint ? h('p', { class: 'hint', id: `${m.key}-hint` }, t(m.hint)) : null,
    h(
      'div',
      { class: 'input-row' },
      h('input', {
        id: m.key, name: m.key, type: 'number', min: m.min, max: m.max,
        step: m.integer ? '1' : '0.1', inputmode: m.integer ? 'numeric' : 'decimal',
        'aria-describedby': m.hint ? `${m.key}-hint` : null,
      }),
      h('span', { class: 'unit' }, m.unit ?? t('per_minute')),
    ),
  );
}

function boxes(name, codes, prefix) {
  return h(
    'div',
    { class: 'choices choices-two' },
    codes.map((code) =>
      h(
        'label',
        { class: 'choice', for: `${name}-${code}` },
        h('input', { type: 'checkbox', name, id: `${name}-${code}`, value: code }),
        h('span', {}, t(`${prefix}_${code}`)),
      ),
    ),
  );
}

// Range checks as the API makes them, so a check-in kept offline is one the server will take.
function readCheckin(form) {
  const checkin = { client_id: uuid(), measured_at: new Date().toISOString() };
  const errors = {};
  for (const m of MEASUREMENTS) {
    const input = form.querySelector(`#${m.key}`);
    if (input.validity.badInput) {
      errors[m.key] = t('number_error');
      continue;
    }
    if (input.value.trim() === '') continue;
    const value = Number(input.value);
    if (m.integer && !Number.isInteger(value)) errors[m.key] = t('integer_error');
    else if (value < m.min || value > m.max) errors[m.key] = t('range_error', { min: m.min, max: m.max });
    else checkin[m.key] = value;
  }
  checkin.symptoms = [...form.querySelectorAll('input[name="symptoms"]:checked')].map((box) => box.value);
  checkin.danger_signs = [...form.querySelectorAll('input[name="danger_signs"]:checked')].map((box) => box.value);
  return { checkin, errors };
}

export function checkinView(root) {
  const episodeId = store.get('episodeId');
  if (!episodeId) {
    replace(root, heading(t('checkin_title')), notice(t('no_episode')), backHome());
    return;
  }
  const view = store.get('episodeView');
  const outcome = h('div', { id: 'checkin-outcome', 'aria-live': 'polite' });
  // Outside the live region: the hospitals' names and phones are read when reached, not all announced at once.
  const care = h('div', { id: 'checkin-care' });
  const waiting = h('section', { id: 'waiting-checkins', class: 'card', hidden: true });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'send-checkin' }, t('checkin_submit'));
  const form = h(
    'form',
    { id: 'checkin-form', novalidate: true },
    h(
      'fieldset',
      { class: 'group' },
      h('legend', {}, t('measurements_legend')),
      h('p', { class: 'hint' }, t('measurements_hint')),
      MEASUREMENTS.map(measurementField),
    ),
    h('fieldset', { class: 'group' }, h('legend', {}, t('symptoms_legend')), boxes('symptoms', SYMPTOMS, 'symptom')),
    h(
      'fieldset',
      { class: 'group danger' },
      h('legend', {}, t('danger_legend')),
      h('p', { class: 'hint' }, t('danger_hint')),
      boxes('danger_signs', DANGER_SIGNS, 'danger'),
    ),
    submit,
  );

  // The check-in this screen sent last, until its result is drawn: at once, or when a later sending answers it.
  let awaiting = null;
  const onAnswered = (event) => {
    const reply = awaiting && event.detail.get(awaiting);
    if (!reply) return;
    awaiting = null;
    const region = store.get('episodeView')?.region ?? store.get('region');
    replace(outcome, triageCard(reply));
    replace(care, needsCare(reply) ? hospitalsCard({ region, withBeds: reply.hospitals ?? null }) : null);
  };
  window.addEventListener(ANSWERED, onAnswered);
  // Coming back to this screen while a check-in still waits on the phone: its result is drawn when it is sent.
  queue.waiting().then((entries) => {
    const mine = entries.filter((entry) => entry.episode_id === episodeId);
    if (!awaiting && mine.length) awaiting = mine[mine.length - 1].client_id;
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    outcome.replaceChildren();
    care.replaceChildren();
    const { checkin, errors } = readCheckin(form);
    if (Object.keys(errors).length) {
      for (const [key, message] of Object.entries(errors)) showFieldError(form, key, message);
      form.querySelector('[aria-invalid="true"]')?.focus();
      return;
    }
    submit.disabled = true;
    awaiting = checkin.client_id;
    // Kept on the phone before anything is sent: a network that drops mid-way loses nothing.
    await queue.add({ client_id: checkin.client_id, episode_id: episodeId, checkin, queued_at: checkin.measured_at });
    form.reset();
    await flush(); // an answer is drawn by onAnswered
    submit.disabled = false;
    const stillQueued = (await queue.waiting()).some((entry) => entry.client_id === checkin.client_id);
    if (awaiting === checkin.client_id && stillQueued) {
      replace(outcome, notice(t('checkin_queued'), 'info', { id: 'checkin-queued' }));
    }
    outcome.scrollIntoView?.({ block: 'nearest' });
  });

  const onQueue = () => drawWaiting(waiting);
  window.addEventListener('queue-changed', onQueue);
  drawWaiting(waiting);

  replace(root,
    heading(t('checkin_title')),
    view?.day && view?.total_days ? h('p', { class: 'meta' }, t('isolation_day', { day: view.day, total: view.total_days })) : null,
    form,
    outcome,
    care,
    waiting,
    placeSection(episodeId),
    backHome(),
  );
  return () => {
    window.removeEventListener('queue-changed', onQueue);
    window.removeEventListener(ANSWERED, onAnswered);
  };
}

// Urgent or emergency: where to go, beside whom to call.
function needsCare(reply) {
  return reply.triage === 'urgent' || reply.triage === 'emergency';
}

function triageCard(reply) {
  const level = reply.triage;
  return h(
    'section',
    { class: `card triage-card triage-${level}`, id: 'triage', 'data-triage': level },
    h('h2', {}, t('triage_title')),
    h('p', {}, triageBadge(level)),
    reply.advice ? h('p', { class: 'advice' }, reply.advice) : null,
    reply.reason_texts?.length ? h('ul', { class: 'reasons' }, reply.reason_texts.map((text) => h('li', {}, text))) : null,
    reply.alert_id
      ? h('p', { class: 'strong' }, t('checkin_alert_opened'), ' ', h('a', { href: `#/alert/${reply.alert_id}` }, t('see_status')))
      : null,
    reply.hotlines?.length ? phoneLinks(reply.hotlines) : level === 'emergency' ? emergencyNumbers() : null,
  );
}

async function drawWaiting(section) {
  const entries = await queue.all();
  const pending = entries.filter((entry) => !entry.rejected);
  const refused = entries.filter((entry) => entry.rejected);
  section.hidden = !entries.length;
  section.replaceChildren();
  if (pending.length) {
    const send = h('button', { type: 'button', class: 'secondary' }, t('send_now'));
    send.addEventListener('click', () => flush());
    section.append(
      h('h2', {}, t('pending_title')),
      h('ul', { class: 'plain' }, pending.map((entry) => h('li', {}, t('pending_item', { time: wibTime(entry.checkin.measured_at) })))),
      send,
    );
  }
  if (refused.length) {
    section.append(
      h('h2', {}, t('rejected_title')),
      h(
        'ul',
        { class: 'plain rejected' },
        refused.map((entry) => {
          const remove = h('button', { type: 'button', class: 'secondary' }, t('remove'));
          remove.addEventListener('click', () => queue.remove([entry.client_id]));
          return h('li', {}, t('pending_item', { time: wibTime(entry.checkin.measured_at) }), ': ', entry.rejected.join(' '), ' ', remove);
        }),
      ),
    );
  }
}
