// The nearest referral hospitals for a resident who needs care: by distance when the phone shares its location,
// else those of the resident's kabupaten/kota; each with its phone and how fresh its bed report is.
import { call } from './api.js';
import { h } from './dom.js';
import { number, telHref } from './format.js';
import { t } from './i18n.js';

const SHOWN = 3;

// Nearest first when the location is known; else a fresh report of a free bed first, then a phone to call.
function ranked(list, byDistance) {
  if (byDistance) return list;
  const score = (hospital) => {
    const report = hospital.latest_report;
    const free = report && !report.stale && (report.isolation_free > 0 || report.icu_free > 0);
    return (free ? 2 : 0) + (hospital.tel || hospital.phone ? 1 : 0);
  };
  return [...list].sort((a, b) => score(b) - score(a));
}

function beds(report) {
  if (!report) return h('p', { class: 'hint' }, t('beds_none'));
  const counts = t('beds_free', { isolation: report.isolation_free, icu: report.icu_free });
  const age = t(report.stale ? 'beds_stale' : 'beds_age', { h: report.age_hours });
  return h('p', { class: `hint${report.stale ? ' stale' : ''}` }, `${counts} · ${age}`);
}

function item(hospital) {
  const number_ = hospital.tel || hospital.phone;
  return h(
    'li',
    { class: 'hospital', 'data-code': hospital.code },
    h('strong', {}, hospital.name),
    hospital.distance_km != null ? h('span', { class: 'distance' }, ` · ${t('distance_km', { km: number(hospital.distance_km) })}`) : null,
    number_
      ? h('p', {}, h('a', { class: 'tel-link hospital-tel', href: telHref(number_) }, h('span', { class: 'tel-text' }, h('strong', {}, hospital.phone || number_), h('span', {}, t('call_hospital')))))
      : h('p', { class: 'hint' }, t('no_hospital_phone')),
    beds(hospital.latest_report),
  );
}

// A card that fills itself; `near` is {lat, lon} when known, `region` a kabupaten/kota code. `withBeds`, when
// given, is what a check-in's reply named: the hospitals reporting a free bed (by distance from the home pin, else
// the region's), shown without a request; an empty list (none reports one) falls back to the region's hospitals.
export function hospitalsCard({ near = null, region = null, withBeds = null } = {}) {
  const list = h('ul', { class: 'plain hospitals', id: 'hospital-list' });
  const status = h('p', { class: 'hint', id: 'hospitals-basis', 'aria-live': 'polite' });
  const locate = h('button', { type: 'button', class: 'secondary', id: 'hospitals-near-me' }, t('hospitals_near_me'));
  const section = h(
    'section',
    { class: 'card', id: 'referral-hospitals' },
    h('h2', {}, t('hospitals_title')),
    status,
    list,
    'geolocation' in navigator ? locate : null,
  );
  const show = (found, basis) => {
    list.replaceChildren(...found.map(item));
    status.textContent = found.length ? t(basis) : t('hospitals_none');
  };
  const load = async (where, basis = null) => {
    const query = where.near
      ? `near=${where.near.lat.toFixed(5)},${where.near.lon.toFixed(5)}`
      : `region=${encodeURIComponent(where.region)}`;
    status.textContent = t('loading');
    try {
      const found = ranked(await call('GET', `/hospitals?${query}`), Boolean(where.near)).slice(0, SHOWN);
      show(found, basis ?? (where.near ? 'hospitals_by_distance' : 'hospitals_in_region'));
    } catch {
      status.textContent = t('hospitals_offline');
    }
  };
  // The coordinates are used for this one request and kept nowhere.
  locate.addEventListener('click', () => {
    locate.disabled = true;
    navigator.geolocation.getCurrentPosition(
      (position) => {
        locate.disabled = false;
        load({ near: { lat: position.coords.latitude, lon: position.coords.longitude } });
      },
      () => {
        locate.disabled = false;
        status.textContent = t('pin_unavailable');
      },
      { enableHighAccuracy: false, timeout: 20000, maximumAge: 300000 },
    );
  });
  if (withBeds?.length) {
    // By distance as the server gave them; a region's list as any region's list (a fresh report, then a phone).
    const measured = withBeds.some((hospital) => hospital.distance_km != null);
    show(ranked(withBeds, measured).slice(0, SHOWN), measured ? 'hospitals_free_nearby' : 'hospitals_free_in_region');
  } else if (near || region) load({ near, region }, withBeds ? 'hospitals_none_free' : null);
  else status.textContent = t('hospitals_need_place');
  return section;
}
