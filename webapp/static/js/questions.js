// A control for each question type of the API's definitions, the answers read back, and show_if.
import { h } from './dom.js';
import { todayWib } from './format.js';
import { t } from './i18n.js';

export function fieldId(question) {
  return `q-${question.key}`;
}

function questionLabel(question) {
  return [question.text, question.required ? null : h('span', { class: 'optional' }, ` ${t('optional')}`)];
}

function choice(type, name, id, value, text, checked) {
  return h(
    'label',
    { class: 'choice', for: id },
    h('input', { type, name, id, value, checked }),
    h('span', {}, text),
  );
}

function booleanField(question, value) {
  const id = fieldId(question);
  return h(
    'fieldset',
    { class: 'field field-boolean', id, 'data-key': question.key },
    h('legend', {}, questionLabel(question)),
    h(
      'div',
      { class: 'choices choices-inline' },
      choice('radio', id, `${id}-yes`, 'true', t('yes'), value === true),
      choice('radio', id, `${id}-no`, 'false', t('no'), value === false),
    ),
  );
}

function multiChoiceField(question, value) {
  const id = fieldId(question);
  const chosen = Array.isArray(value) ? value : [];
  return h(
    'fieldset',
    { class: 'field field-multi', id, 'data-key': question.key },
    h('legend', {}, questionLabel(question)),
    h(
      'div',
      { class: 'choices' },
      question.options.map((option, index) =>
        choice('checkbox', id, `${id}-${index}`, option.value, option.text, chosen.includes(option.value)),
      ),
    ),
  );
}

function inputField(question, value) {
  const id = fieldId(question);
  const numeric = question.type === 'integer' || question.type === 'number';
  const attrs = { id, name: id, value: value ?? null };
  if (numeric) {
    Object.assign(attrs, {
      type: 'number',
      inputmode: question.type === 'integer' ? 'numeric' : 'decimal',
      step: question.type === 'integer' ? '1' : 'any',
      min: question.min ?? null,
      max: question.max ?? null,
    });
  } else if (question.type === 'date') {
    Object.assign(attrs, { type: 'date', max: todayWib() });
  } else {
    attrs.type = 'text'; // a type this app does not know yet still gets a field the server can validate
  }
  return h(
    'div',
    { class: `field field-${question.type}`, 'data-key': question.key },
    h('label', { for: id }, questionLabel(question)),
    h(
      'div',
      { class: 'input-row' },
      h('input', attrs),
      question.unit ? h('span', { class: 'unit' }, question.unit) : null,
    ),
  );
}

export function questionField(question, value) {
  if (question.type === 'boolean') return booleanField(question, value);
  if (question.type === 'multi_choice') return multiChoiceField(question, value);
  return inputField(question, value);
}

// The answer as the API expects it, or undefined when the resident left it empty.
export function readAnswer(form, question) {
  const id = fieldId(question);
  if (question.type === 'boolean') {
    const checked = form.querySelector(`input[name="${id}"]:checked`);
    return checked ? checked.value === 'true' : undefined;
  }
  if (question.type === 'multi_choice') {
    const checked = [...form.querySelectorAll(`input[name="${id}"]:checked`)].map((box) => box.value);
    return checked.length ? checked : undefined;
  }
  const input = form.querySelector(`#${CSS.escape(id)}`);
  if (!input || input.value.trim() === '') return undefined;
  if (question.type === 'integer' || question.type === 'number') return Number(input.value);
  return input.value.trim();
}

function matches(answer, expected) {
  return Array.isArray(answer) ? answer.includes(expected) : answer === expected;
}

// show_if: null, or {any: [{question, equals}, ...]}; shown when any condition holds.
export function isShown(question, answers) {
  const rule = question.show_if;
  if (!rule) return true;
  const conditions = rule.any ?? [];
  return conditions.some((condition) => matches(answers[condition.question], condition.equals));
}

// The answers of the questions on screen, in definition order: a hidden question neither counts in
// a later condition nor is sent.
export function visibleAnswers(form, questions) {
  const answers = {};
  const shown = new Set();
  for (const question of questions) {
    if (!isShown(question, answers)) continue;
    shown.add(question.key);
    const value = readAnswer(form, question);
    if (value !== undefined) answers[question.key] = value;
  }
  return { answers, shown };
}
