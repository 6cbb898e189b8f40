// Screening results kept on the phone: the latest of each questionnaire, so a risk test taken later
// does not hide a self-screening result that called for home isolation.
import * as store from './store.js';

export function saveResult(saved) {
  store.set('results', { ...(store.get('results') || {}), [saved.questionnaire]: saved });
}

// Newest first.
export function allResults() {
  return Object.values(store.get('results') || {}).sort((a, b) => b.created_at.localeCompare(a.created_at));
}

export function resultFor(questionnaire) {
  return questionnaire ? (store.get('results') || {})[questionnaire] ?? null : allResults()[0] ?? null;
}
