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

function memberBox(question, value) {
  const id = fieldId(question);
  const box = h('input', { type: 'checkbox', name: id, id, value: 'true', checked: value === true });
  return h('label', { class: 'choice', for: id, 'data-key': question.key }, box, h('span', {}, question.label || question.text));
}

function named(key, name) {
  const specific = t(`${key}_${name}`);
  return specific === `${key}_${name}` ? t(key) : specific;
}

// Yes/no questions sharing a checklist, as one list to tick: "none of these" answers them all "no", and
// once anything is ticked the unticked ones are "no" too; until then none of them is answered.
export function checklistField(name, questions, answers) {
  const given = questions.map((question) => answers[question.key]);
  const none = h('input', {
    type: 'checkbox', id: `checklist-${name}-none`, 'data-none': name,
    checked: given.length > 0 && given.every((value) => value === false),
  });
  const fieldset = h(
    'fieldset',
    { class: 'field field-checklist', id: `checklist-${name}`, 'data-checklist': name },
    h('legend', {}, named('checklist_legend', name)),
    h('p', { class: 'hint', id: `checklist-${name}-hint` }, t('checklist_hint')),
    h(
      'div',
      { class: 'choices' },
      h('label', { class: 'choice choice-none', for: none.id }, none, h('span', {}, named('checklist_none', name))),
      questions.map((question) => memberBox(question, answers[question.key])),
    ),
  );
  fieldset.setAttribute('aria-describedby', `checklist-${name}-hint`);
  fieldset.addEventListener('change', (event) => {
    if (!event.target.checked) return;
    const boxes = event.target === none ? fieldset.querySelectorAll('input:not([data-none])') : [none];
    for (const box of boxes) box.checked = false;
  });
  return fieldset;
}

export function checklistAnswered(fieldset) {
  return [...fieldset.querySelectorAll('input[type="checkbox"]')].some((box) => box.checked);
}

export function questionField(question, value) {
  if (question.type === 'boolean') return booleanField(question, value);
  if (question.type === 'multi_choice') return multiChoiceField(question, value);
  return inputField(question, value);
}

// The answer as the API expects it, or undefined when the resident left it empty.
export function readAnswer(form, question) {
  const id = fieldId(question);
  if (question.type === 'boolean' && question.checklist) {
    const box = form.querySelector(`#${CSS.escape(id)}`);
    const list = box?.closest('[data-checklist]');
    return list && checklistAnswered(list) ? box.checked : undefined;
  }
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
