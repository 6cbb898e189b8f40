// Hash routes (#/, #/q/<id>, #/result, #/checkin, #/alert, #/data, #/privacy) inside the one shell page.
let table = [];
let root = null;
let cleanup = null;

export function start(routes, container) {
  table = routes;
  root = container;
  window.addEventListener('hashchange', () => render({ focus: true }));
  render({ focus: false });
}

export function go(path) {
  if (location.hash === `#${path}`) render({ focus: true });
  else location.hash = path;
}

// Views get the container and the route's parameters and may return a function that stops their timers.
export function render({ focus = false } = {}) {
  if (typeof cleanup === 'function') cleanup();
  cleanup = null;
  const path = location.hash.replace(/^#/, '') || '/';
  for (const [pattern, view] of table) {
    const match = pattern.exec(path);
    if (match) {
      root.replaceChildren();
      cleanup = view(root, ...match.slice(1).map((part) => (part === undefined ? undefined : decodeURIComponent(part))));
      if (focus) root.querySelector('h1')?.focus();
      window.scrollTo(0, 0);
      return;
    }
  }
  go('/');
}
