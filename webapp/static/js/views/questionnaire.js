// A questionnaire drawn from the API's definition: a question added there appears here untouched.
import { ApiError, call, deviceCall } from '../api.js';
import { h, replace } from '../dom.js';
import { lang, t } from '../i18n.js';
import { uuid } from '../ids.js';
import { checklistAnswered, checklistField, questionField, readAnswer, visibleAnswers } from '../questions.js';
import { loadRegions, regionField } from '../regions.js';
import { saveResult } from '../results.js';
import { go } from '../router.js';
import * as store from '../store.js';
import { backHome, clearFieldErrors, failureText, heading, notice, showFieldError } from '../ui.js';

// Answers survive a language switch (the screen is drawn again) and a failed send.
const drafts = new Map();

async function loadDefinition(id) {
  const key = `questionnaire.${id}.${lang()}`;
  try {
    const definition = await call('GET', `/questionnaires/${encodeURIComponent(id)}?lang=${lang()}`);
    store.set(key, definition);
    return definition;
  } catch (error) {
    const cached = store.get(key);
    if (cached && !(error instanceof ApiError && error.status === 404)) return cached;
    throw error;
  }
}

function sections(questions) {
  const groups = [];
  for (const question of questions) {
    const last = groups.at(-1);
    if (last && last.section === question.section) last.questions.push(question);
    else groups.push({ section: question.section, title: question.section_title, questions: [question] });
  }
  return groups;
}

// Yes/no questions of one checklist that follow each other become one list (an array); others stay single.
function checklists(questions) {
  const parts = [];
  for (const question of questions) {
    const last = parts.at(-1);
    const listed = question.type === 'boolean' && question.checklist;
    if (listed && Array.isArray(last) && last[0].checklist === question.checklist) last.push(question);
    else parts.push(listed ? [question] : question);
  }
  return parts;
}

export function questionnaireView(root, id) {
  let alive = true;
  root.append(heading(t('loading')));
  Promise.all([loadDefinition(id), loadRegions().catch(() => null)])
    .then(([definition, regions]) => alive && replace(root, ...form(definition, regions, id)))
    .catch((error) => {
      if (!alive) return;
      replace(root, heading(t('questionnaire_unavailable')), notice(failureText(error), 'error'), backHome());
    });
  return () => {
    alive = false;
  };
}

function form(definition, regions, id) {
  const draft = drafts.get(id) ?? { answers: {}, attempt: null };
  drafts.set(id, draft);
  const status = h('div', { class: 'form-status', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'submit-answers' }, t('submit_answers'));
  const fields = new Map();
  const body = h('form', { class: 'questionnaire', id: 'questionnaire', novalidate: true, 'data-id': definition.id });
  replace(body,
    regions ? regionField(regions) : notice(t('regions_unavailable'), 'error'),
    sections(definition.questions).map((group) => {
      const section = h('section', { class: 'q-section', 'data-section': group.section });
      if (group.title) section.append(h('h2', {}, group.title));
      for (const part of checklists(group.questions)) {
        if (Array.isArray(part)) {
          const list = checklistField(part[0].checklist, part, draft.answers);
          for (const question of part) fields.set(question.key, list.querySelector(`[data-key="${question.key}"]`));
          section.append(list);
          continue;
        }
        const field = questionField(part, draft.answers[part.key]);
        fields.set(part.key, field);
        section.append(field);
      }
      return section;
    }),
    status,
    submit,
  );

  function refresh(event) {
    if (event?.target?.id === 'region') store.set('region', event.target.value || null);
    const { answers, shown } = visibleAnswers(body, definition.questions);
    // The draft keeps what is on screen, hidden answers included, so a redraw restores it exactly.
    draft.answers = {};
    for (const question of definition.questions) {
      const value = readAnswer(body, question);
      if (value !== undefined) draft.answers[question.key] = value;
      fields.get(question.key).hidden = !shown.has(question.key);
    }
    for (const list of body.querySelectorAll('[data-checklist]')) {
      list.hidden = ![...list.querySelectorAll('[data-key]')].some((box) => !box.hidden);
    }
    for (const section of body.querySelectorAll('.q-section')) {
      section.hidden = ![...section.querySelectorAll('[data-key]')].some((field) => !field.hidden);
    }
    return answers;
  }
  body.addEventListener('input', refresh);
  body.addEventListener('change', refresh);
  refresh();

  body.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(body);
    status.replaceChildren();
    const answers = refresh();
    const region = body.querySelector('#region')?.value || null;
    if (!region) {
      showFieldError(body, 'region', t('region_required'));
      body.querySelector('#region')?.focus();
      return;
    }
    store.set('region', region);
    const unanswered = [...body.querySelectorAll('[data-checklist]')].filter((list) => !list.hidden && !checklistAnswered(list));
    for (const list of unanswered) showFieldError(body, `checklist-${list.dataset.checklist}-none`, t('checklist_required'));
    if (unanswered.length) {
      status.append(notice(t('errors_summary', { n: unanswered.length }), 'error'));
      unanswered[0].querySelector('input')?.focus();
      return;
    }
    const payload = { answers, region, lang: lang() };
    // One Idempotency-Key per submission: a retry of the same answers reuses it, changed answers get a new one.
    const fingerprint = JSON.stringify(payload);
    if (draft.attempt?.fingerprint !== fingerprint) draft.attempt = { fingerprint, key: uuid() };
    submit.disabled = true;
    submit.textContent = t('sending');
    try {
      const reply = await deviceCall('POST', `/questionnaires/${encodeURIComponent(definition.id)}/responses`, {
        body: payload,
        idempotencyKey: draft.attempt.key,
      });
      drafts.delete(id);
      saveResult({
        id: reply.id,
        questionnaire: reply.questionnaire,
        questionnaire_title: definition.title,
        result: reply.result,
        region: reply.region,
        created_at: reply.created_at,
      });
      go(`/result/${encodeURIComponent(reply.questionnaire)}`);
    } catch (error) {
      submit.disabled = false;
      submit.textContent = t('submit_answers');
      showErrors(body, status, error);
    }
  });

  return [
    heading(definition.title),
    definition.description ? h('p', { class: 'lead' }, definition.description) : null,
    definition.basis ? h('p', { class: 'basis' }, definition.basis) : null,
    body,
    backHome(),
  ];
}

function showErrors(body, status, error) {
  if (!(error instanceof ApiError) || error.status !== 422) {
    status.append(notice(failureText(error), 'error'));
    return;
  }
  const fields = error.fieldErrors;
  const unplaced = [];
  let count = 0;
  for (const [key, messages] of Object.entries(fields.answers ?? {})) {
    count += 1;
    if (!showFieldError(body, `q-${key}`, messages)) unplaced.push(`${key}: ${[messages].flat().join(' ')}`);
  }
  for (const [key, messages] of Object.entries(fields)) {
    if (key === 'answers') continue;
    count += 1;
    if (!showFieldError(body, key, messages)) unplaced.push([messages].flat().join(' '));
  }
  status.append(notice([t('errors_summary', { n: count || 1 }), ...unplaced].join(' '), 'error'));
  const first = body.querySelector('[aria-invalid="true"]');
  (first?.matches('input, select') ? first : first?.querySelector('input'))?.focus();
}
