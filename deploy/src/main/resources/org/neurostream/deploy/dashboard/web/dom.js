// Small DOM helpers shared by the panels.

/**
 * Creates an element: `el('td', {className: 'num'}, '12')`. Attributes whose name contains a dash (aria-*, data-*)
 * and `role` are set as attributes, the others as properties; children are nodes or strings.
 */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null) continue;
    if (name.includes('-') || name === 'role') {
      node.setAttribute(name, value);
    } else {
      node[name] = value;
    }
  }
  node.append(...children);
  return node;
}

/** A dashboard panel: a labelled section with a header (title, subtitle, optional controls) and a body. */
export function panel(id, title, subtitle = '') {
  const heading = el('h2', { id: `${id}-title` }, title);
  const sub = el('span', { className: 'sub' }, subtitle);
  heading.append(' ', sub);
  const header = el('header', {}, heading);
  const section = el('section', { className: 'panel', id, 'aria-labelledby': `${id}-title` }, header);
  return { section, header, heading, sub };
}

/** A CSS-safe id fragment for a stream key. */
export function idFor(key) {
  return String(key).replace(/[^A-Za-z0-9_-]/g, '_');
}

/** Sets a status chip's text and its good/warn/bad/none colour class. */
export function setStatus(node, level, text) {
  node.className = `status status-${level}`;
  node.textContent = text;
}

/** The display label of channel `index` (EDF pads labels with dots, as in "Fc5."). */
export function channelLabel(channel, index) {
  const label = (channel?.label ?? '').replace(/\.+$/, '');
  return label === '' ? `ch${index + 1}` : label;
}
