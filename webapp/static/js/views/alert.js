// After a panic press: whether it was sent, received by the task force, an officer on the way, resolved.
import * as alerts from '../alerts.js';
import { ApiError } from '../api.js';
import { h, replace } from '../dom.js';
import { hospitalsCard } from '../hospitals.js';
import { wibTime } from '../format.js';
import { t } from '../i18n.js';
import * as store from '../store.js';
import { offer } from '../push.js';
import {
  backHome,
  clearFieldErrors,
  emergencyNumbers,
  failureText,
  heading,
  notice,
  phoneLinks,
  showFieldError,
} from '../ui.js';

const POLL_MS = 3000;

export function alertView(root, id) {
  const body = h('div', { id: 'alert-status' });
  // Made once, outside the status that is redrawn every few seconds, so its button keeps its state.
  const push = id || alerts.pendingPress() ? offer('push_why_alert') : null;
  // Made once too: where to go or call while waiting (the province's hospitals, so hidden outside it).
  const hospitals = hospitalsCard({ near: alerts.locationState()?.fix ?? null, region: store.get('region') });
  replace(root, heading(t('alert_title')), body, hospitals, push, backHome());
  let alive = true;
  let problem = null; // why the last send or read failed
  let asking = false; // the cancel confirmation is on screen
  let timer = null;
  let checkedAt = null; // when the server last answered a status read
  const callback = phoneForm(); // kept across redraws so that what is typed stays

  // An alert opened by a check-in can be followed here too, but only the resident's own press is cancelled.
  const ownId = () => alerts.currentAlert()?.id;
  let shown = id && id !== ownId() ? { id, type: 'monitoring' } : null;

  function draw() {
    if (!alive) return;
    const pending = !id || id === ownId() ? alerts.pendingPress() : null;
    const alert = shown ?? alerts.currentAlert();
    hospitals.hidden = Boolean(alert?.outside_province);
    if (pending) replace(body, unsent(problem));
    else if (alert?.status) replace(body, status(alert));
    else if (alert) replace(body, notice(t('loading')));
    else replace(body, notice(t('alert_none')));
  }

  function unsent(error) {
    const retry = h('button', { type: 'button', class: 'primary', id: 'alert-retry' }, t('alert_retry'));
    retry.addEventListener('click', tick);
    const discard = h('button', { type: 'button', class: 'secondary' }, t('alert_discard'));
    discard.addEventListener('click', () => {
      alerts.discardPending();
      draw();
    });
    if (!error) return [notice(t('alert_sending'), 'info', { id: 'alert-sending' }), emergencyNumbers()];
    return [
      notice(
        error instanceof ApiError ? `${error.message} ${t('alert_failed')}` : t('alert_failed'),
        'error',
        { id: 'alert-unsent' },
      ),
      emergencyNumbers(),
      h('p', {}, t('alert_retrying')),
      h('p', { class: 'actions' }, retry, ' ', discard),
    ];
  }

  function step(done, doneText, waitingText, code) {
    return h(
      'li',
      { class: `step ${done ? 'done' : 'waiting'}`, 'data-step': code },
      h('span', { class: 'step-mark', 'aria-hidden': 'true' }, done ? '✓' : '○'),
      h('span', { class: 'visually-hidden' }, `${done ? t('step_done') : t('step_waiting')}: `),
      done ? doneText : waitingText,
    );
  }

  function status(alert) {
    // Closed without being resolved: cancelled by the resident, or expired after no activity at all.
    const cancelled = alert.status === 'cancelled' || alert.status === 'expired';
    const parts = [
      alert.message ? h('p', { class: 'alert-message', id: 'alert-message' }, alert.message) : null,
      h(
        'ol',
        { class: 'steps', id: 'alert-steps', 'data-status': alert.status },
        step(true, t('step_sent', { time: wibTime(alert.created_at) }), '', 'sent'),
        cancelled && !alert.acknowledged_at
          ? null
          : step(Boolean(alert.acknowledged_at), t('step_received', { time: wibTime(alert.acknowledged_at) }), t('step_received_waiting'), 'received'),
        cancelled && !alert.dispatched_at
          ? null
          : step(Boolean(alert.dispatched_at), t('step_dispatched', { time: wibTime(alert.dispatched_at) }), t('step_dispatched_waiting'), 'dispatched'),
        cancelled ? null : step(Boolean(alert.resolved_at), t('step_resolved', { time: wibTime(alert.resolved_at) }), t('step_resolved_waiting'), 'resolved'),
      ),
      alert.status === 'cancelled' ? notice(t('alert_cancelled', { time: wibTime(alert.cancelled_at) }), 'info', { id: 'alert-cancelled' }) : null,
      alert.status === 'expired' ? notice(t('alert_expired', { time: wibTime(alert.expired_at) }), 'info', { id: 'alert-expired' }) : null,
      alert.id === ownId() && alerts.isOpen(alert) && alert.has_phone === false ? callback : null,
      alert.id === ownId() ? locationLine() : null,
      problem ? notice(t('poll_failed'), 'error') : null,
      checkedAt ? h('p', { class: 'meta', id: 'alert-updated' }, t('updated_at', { time: wibTime(checkedAt) })) : null,
      alert.hotlines?.length ? phoneLinks(outsideFirst(alert)) : emergencyNumbers(),
    ];
    if (alerts.isOpen(alert) && alert.id === ownId() && alert.type !== 'monitoring') parts.push(cancelControls(alert));
    return parts;
  }

  // Never blocks the press: asked on this screen after it, and the press is already with the task force.
  function phoneForm() {
    const status = h('div', { id: 'alert-phone-status' });
    const send = h('button', { type: 'submit', class: 'primary', id: 'alert-phone-send' }, t('alert_phone_send'));
    const form = h(
      'form',
      { class: 'alert-phone', id: 'alert-phone', novalidate: true },
      h('p', {}, t('alert_phone_ask')),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'alert-phone-number' }, t('phone_label'), h('span', { class: 'optional' }, ` ${t('optional')}`)),
        h('input', { id: 'alert-phone-number', name: 'phone', type: 'tel', autocomplete: 'tel', inputmode: 'tel', value: store.get('phone') }),
      ),
      status,
      send,
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearFieldErrors(form);
      status.replaceChildren();
      const phone = form.querySelector('#alert-phone-number').value.trim();
      if (!phone) {
        showFieldError(form, 'alert-phone-number', [t('alert_phone_empty')]);
        return;
      }
      send.disabled = true;
      try {
        await alerts.addPhone(ownId(), phone);
      } catch (error) {
        const fields = error instanceof ApiError && error.status === 422 ? error.fieldErrors : {};
        if (fields.phone) showFieldError(form, 'alert-phone-number', fields.phone);
        else status.append(notice(failureText(error), 'error'));
      }
      send.disabled = false;
      draw();
    });
    return form;
  }

  // Typing a number is not interrupted by the status read that follows every few seconds.
  const typing = () => callback.contains(document.activeElement) && document.activeElement.tagName === 'INPUT';

  function locationLine() {
    const location = alerts.locationState();
    if (!location) return null;
    const text = {
      waiting: t('location_waiting'),
      fix: t('location_waiting'),
      sent: t('location_sent', { m: location.accuracy_m }),
      unavailable: t('location_unavailable'),
    }[location.state];
    return text ? h('p', { class: 'location', id: 'alert-location', 'data-state': location.state }, text) : null;
  }

  function cancelControls(alert) {
    if (!asking) {
      const ask = h('button', { type: 'button', class: 'secondary', id: 'cancel-alert' }, t('cancel_alert'));
      ask.addEventListener('click', () => {
        asking = true;
        draw();
        body.querySelector('#cancel-alert-yes')?.focus();
      });
      return h('p', { class: 'actions' }, ask);
    }
    const yes = h('button', { type: 'button', class: 'danger', id: 'cancel-alert-yes' }, t('cancel_confirm_yes'));
    const no = h('button', { type: 'button', class: 'secondary' }, t('panic_confirm_no'));
    yes.addEventListener('click', async () => {
      yes.disabled = true;
      try {
        await alerts.cancel(alert.id);
        problem = null;
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) await alerts.refresh(alert.id).catch(() => null);
        else body.append(notice(failureText(error), 'error'));
      }
      asking = false;
      draw();
    });
    no.addEventListener('click', () => {
      asking = false;
      draw();
    });
    return h('div', { class: 'confirm' }, h('p', {}, t('cancel_confirm')), yes, ' ', no);
  }

  async function tick() {
    clearTimeout(timer);
    try {
      if (!shown && alerts.pendingPress()) {
        await alerts.send();
      } else {
        if (shown) {
          shown = await alerts.read(shown.id);
        } else if (alerts.currentAlert()) {
          await alerts.refresh(alerts.currentAlert().id);
          await alerts.sendLocation();
        }
      }
      problem = null;
      checkedAt = new Date().toISOString();
    } catch (error) {
      problem = error;
    }
    if (!asking && !typing()) draw();
    const alert = shown ?? alerts.currentAlert();
    if (alive && (alerts.pendingPress() || alerts.isOpen(alert) || (alert && !alert.status))) {
      timer = setTimeout(tick, POLL_MS);
    }
  }

  const onChange = () => !asking && !typing() && draw();
  window.addEventListener('alert-changed', onChange);
  window.addEventListener('online', tick);
  draw();
  tick();
  return () => {
    alive = false;
    clearTimeout(timer);
    window.removeEventListener('alert-changed', onChange);
    window.removeEventListener('online', tick);
  };
}

// Outside the province the local emergency number comes first: the task force there cannot come.
function outsideFirst(alert) {
  if (!alert.outside_province) return alert.hotlines;
  return [...alert.hotlines].sort((a, b) => (b.number === '112') - (a.number === '112'));
}
