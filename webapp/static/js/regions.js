// The 19 kabupaten/kota from the API, kept on the phone after the first load, and the resident's choice.
import { call } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import * as store from './store.js';

export async function loadRegions() {
  const cached = store.get('regions');
  if (cached?.length) return cached;
  const regions = await call('GET', '/regions');
  const kept = regions.map(({ code, name }) => ({ code, name }));
  store.set('regions', kept);
  return kept;
}

export function regionName(code) {
  return (store.get('regions') || []).find((region) => region.code === code)?.name ?? code;
}

export function regionField(regions) {
  const chosen = store.get('region');
  return h(
    'div',
    { class: 'field field-region' },
    h('label', { for: 'region' }, t('region_label')),
    h(
      'select',
      { id: 'region', name: 'region', autocomplete: 'off' },
      h('option', { value: '' }, t('region_choose')),
      regions.map((region) => h('option', { value: region.code, selected: region.code === chosen }, region.name)),
    ),
  );
}
