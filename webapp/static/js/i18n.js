// The chosen language (Indonesian unless the resident switched), remembered on the phone.
import { STRINGS } from './strings.js';
import * as store from './store.js';

const LANGS = ['id', 'en'];

export function lang() {
  const chosen = store.get('lang');
  return LANGS.includes(chosen) ? chosen : 'id';
}

export function setLang(code) {
  store.set('lang', LANGS.includes(code) ? code : 'id');
  applyLang();
}

export function applyLang() {
  document.documentElement.lang = lang();
}

// t('isolation_day', {day: 2, total: 13}) fills the {placeholders}.
export function t(key, params = {}) {
  const text = STRINGS[lang()][key] ?? STRINGS.id[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}
