// Pieces several screens share: headings, notices, category and triage badges, phone numbers, field errors.
import { h } from './dom.js';
import { telHref } from './format.js';
import { t } from './i18n.js';

// A shape beside the word, so a category never rests on colour alone.
const SHAPES = {
  emergency: '‼', suspect: '▲', close_contact: '◆', symptomatic: '●', low_risk: '✓',
  high: '▲', medium: '●', low: '✓', urgent: '▲', stable: '✓',
};

export function heading(text) {
  return h('h1', { tabindex: '-1' }, text);
}

export function notice(text, kind = 'info', attrs = {}) {
  const role = kind === 'error' ? 'alert' : 'status';
  return h('div', { class: `notice notice-${kind}`, role, ...attrs }, text);
}

function badge(kind, code, word) {
  return h(
    'span',
    { class: `badge ${kind}-${code}`, 'data-code': code },
    h('span', { class: 'badge-shape', 'aria-hidden': 'true' }, SHAPES[code] ?? '■'),
    ' ',
    word,
  );
}

export function categoryBadge(category) {
  const key = `category_${category}`;
  const word = t(key) === key ? category : t(key);
  return badge('category', category, word);
}

export function triageBadge(level) {
  const key = `triage_${level}`;
  return badge('triage', level, t(key) === key ? level : t(key));
}

export function phoneLinks(hotlines, attrs = {}) {
  return h(
    'ul',
    { class: 'phone-links', ...attrs },
    hotlines.map((line) =>
      h(
        'li',
        {},
        h(
          'a',
          { class: 'tel-link', href: telHref(line.number) },
          h('span', { class: 'tel-text' }, h('strong', {}, line.number), h('span', {}, line.name)),
        ),
      ),
    ),
  );
}

// The national numbers, for when the app cannot reach the server or the server sent none.
export function emergencyNumbers() {
  return phoneLinks(
    [
      { number: '112', name: t('number_112') },
      { number: '119', name: t('number_119') },
    ],
    { class: 'phone-links emergency-numbers', 'aria-label': t('emergency_numbers') },
  );
}

export function hotlinesSection(hotlines) {
  if (!hotlines?.length) return null;
  return h('section', { class: 'card' }, h('h2', {}, t('hotlines_title')), phoneLinks(hotlines));
}

export function fieldError(id, messages) {
  const list = Array.isArray(messages) ? messages : [messages];
  return h('p', { class: 'field-error', id, 'data-error-for': id.replace(/-error$/, '') }, list.join(' '));
}

// Show messages under the control named `id`, and point the control at them for screen readers.
export function showFieldError(form, id, messages) {
  const control = form.querySelector(`#${CSS.escape(id)}`);
  const holder = control?.closest('.field') ?? control?.closest('fieldset');
  if (!holder) return false;
  holder.classList.add('has-error');
  holder.append(fieldError(`${id}-error`, messages));
  control.setAttribute('aria-invalid', 'true');
  control.setAttribute('aria-describedby', `${id}-error`);
  return true;
}

export function clearFieldErrors(form) {
  form.querySelectorAll('.field-error').forEach((node) => node.remove());
  form.querySelectorAll('.has-error').forEach((node) => node.classList.remove('has-error'));
  form.querySelectorAll('[aria-invalid]').forEach((node) => {
    node.removeAttribute('aria-invalid');
    node.removeAttribute('aria-describedby');
  });
}

export function backHome() {
  return h('p', { class: 'back' }, h('a', { href: '#/' }, `← ${t('back_home')}`));
}

export function failureText(error) {
  if (error?.status) return error.body?.message || t('server_failed', { status: error.status });
  return t('network_failed');
}

// A refused form: the API's per-field messages beside their fields, the rest (or the failure) in `status`.
export function showFailure(form, status, error) {
  const fields = error?.status === 422 ? error.fieldErrors ?? {} : {};
  const unplaced = Object.entries(fields)
    .filter(([key, messages]) => !showFieldError(form, key, messages))
    .map(([, messages]) => [messages].flat().join(' '));
  if (!Object.keys(fields).length || unplaced.length) {
    status.append(notice(unplaced.length ? unplaced.join(' ') : failureText(error), 'error'));
  }
}
