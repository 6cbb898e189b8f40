// The panic button: one deliberate action. Hold it 1.5 s (a ring fills), or tap it and confirm.
import { h } from './dom.js';
import { t } from './i18n.js';

export const HOLD_MS = 1500;
const CATEGORIES = ['medical', 'breathing', 'other'];
const SVG = 'http://www.w3.org/2000/svg';

function ring() {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 100 100');
  svg.setAttribute('class', 'panic-ring');
  svg.setAttribute('aria-hidden', 'true');
  for (const name of ['track', 'progress']) {
    const circle = document.createElementNS(SVG, 'circle');
    circle.setAttribute('cx', '50');
    circle.setAttribute('cy', '50');
    circle.setAttribute('r', '46');
    circle.setAttribute('class', name);
    svg.append(circle);
  }
  return svg;
}

export function panicControl(onPress) {
  const categories = h(
    'fieldset',
    { class: 'panic-categories' },
    h('legend', {}, t('panic_category')),
    h(
      'div',
      { class: 'choices choices-inline' },
      CATEGORIES.map((code) =>
        h(
          'label',
          { class: 'choice', for: `panic-${code}` },
          h('input', { type: 'radio', name: 'panic-category', id: `panic-${code}`, value: code, checked: code === 'medical' }),
          h('span', {}, t(`cat_${code}`)),
        ),
      ),
    ),
  );
  const live = h('p', { class: 'panic-live', 'aria-live': 'assertive' });
  const button = h(
    'button',
    { type: 'button', class: 'panic-button', id: 'panic-button', 'aria-label': t('panic_button_label'), 'aria-describedby': 'panic-hint' },
    ring(),
    // The space keeps the two lines two words apart for assistive technology, whose name must contain them.
    h('span', { class: 'panic-word' }, t('panic_button')),
    ' ',
    h('span', { class: 'panic-sub' }, t('panic_button_hold')),
  );
  const yes = h('button', { type: 'button', class: 'danger', id: 'panic-confirm-yes' }, t('panic_confirm_yes'));
  const no = h('button', { type: 'button', class: 'secondary', id: 'panic-confirm-no' }, t('panic_confirm_no'));
  const confirm = h('div', { class: 'panic-confirm', id: 'panic-confirm', hidden: true }, h('p', {}, t('panic_confirm')), yes, ' ', no);

  const category = () => categories.querySelector('input:checked')?.value ?? 'medical';
  let timer = null;
  let held = false; // the hold completed: the click that follows the release must not ask again

  function fire() {
    confirm.hidden = true;
    live.textContent = '';
    onPress(category());
  }
  function begin() {
    if (timer) return;
    held = false;
    button.classList.add('holding');
    live.textContent = t('panic_holding');
    timer = setTimeout(() => {
      timer = null;
      held = true;
      button.classList.remove('holding');
      fire();
    }, HOLD_MS);
  }
  // Returns whether a hold was under way (released too early).
  function stop() {
    if (!timer) return false;
    clearTimeout(timer);
    timer = null;
    button.classList.remove('holding');
    live.textContent = '';
    return true;
  }
  function askToConfirm() {
    confirm.hidden = false;
    yes.focus();
  }

  button.addEventListener('pointerdown', (event) => {
    if (event.pointerType === 'mouse' && event.button !== 0) return;
    button.setPointerCapture?.(event.pointerId);
    begin();
  });
  for (const name of ['pointerup', 'pointercancel']) button.addEventListener(name, stop);
  button.addEventListener('contextmenu', (event) => event.preventDefault());
  // A short tap, or a screen reader's activation (which cannot hold), asks for a second, confirming tap.
  button.addEventListener('click', () => {
    if (held) held = false;
    else askToConfirm();
  });
  button.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    if (!event.repeat) begin();
  });
  button.addEventListener('keyup', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    if (stop()) askToConfirm();
  });
  yes.addEventListener('click', fire);
  no.addEventListener('click', () => {
    confirm.hidden = true;
    button.focus();
  });

  return h(
    'div',
    { class: 'panic' },
    categories,
    h('div', { class: 'panic-stage' }, button),
    live,
    h('p', { class: 'hint', id: 'panic-hint' }, t('panic_hint')),
    confirm,
  );
}
