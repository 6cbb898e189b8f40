// Times in the province's time zone (WIB), dates in the chosen language, phone numbers as tel: links.
import { lang } from './i18n.js';

// The server's setting, written into the page; the phone's own zone may be another one.
const ZONE = document.querySelector('meta[name="sumbar-time-zone"]').content;

function locale() {
  return lang() === 'en' ? 'en-GB' : 'id-ID';
}

// The time in WIB as each language writes it: "12.01" in Indonesian (as the dashboard does), "12:01" in English.
export function wibTime(iso) {
  if (!iso) return '';
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('hour')}${lang() === 'en' ? ':' : '.'}${part('minute')}`;
}

// A calendar date (YYYY-MM-DD) or a moment, written out: "13 Desember 2026".
export function longDate(value) {
  if (!value) return '';
  // A calendar date is no moment: written out as it is, read and written in UTC so no zone can shift it.
  const calendar = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const moment = calendar ? new Date(`${value}T00:00:00Z`) : new Date(value);
  return new Intl.DateTimeFormat(locale(), {
    timeZone: calendar ? 'UTC' : ZONE, day: 'numeric', month: 'long', year: 'numeric',
  }).format(moment);
}

export function number(value, digits = 1) {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(value);
}

// Today's date in WIB as YYYY-MM-DD (for the max of date inputs).
export function todayWib() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date());
}

// "119 ext. 9" dials 119, waits, then 9.
export function telHref(number) {
  return `tel:${String(number).replace(/\s*ext\.?\s*/i, ',').replace(/[^0-9+,]/g, '')}`;
}
