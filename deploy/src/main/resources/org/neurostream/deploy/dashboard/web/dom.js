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

/** A stream's name and the recording it comes from when its key names one ("S001R10.edf#eeg"), else ''. */
export function streamParts(stream) {
  const name = stream.name || stream.key;
  const key = String(stream.key);
  const hash = key.lastIndexOf('#');
  const source = hash > 0 ? key.slice(0, hash) : '';
  return { name, source: source === name ? '' : source };
}

/** A stream's name as shown: "eeg · S001R10.edf". */
export function streamTitle(stream) {
  const { name, source } = streamParts(stream);
  return source === '' ? name : `${name} · ${source}`;
}

/** A panel's body is folded after this long without data, or three times the longest pause seen, if longer. */
const IDLE_MS = 5000;
/** ... or after this long when another stream of its kind is live (the job moved on to the next recording). */
const REPLACED_MS = 2000;

/**
 * Folds a panel's body away while its stream sends nothing (e.g. the finished first recording of a sequential run)
 * and opens it again when data return. A Show/Hide button lets the viewer decide instead.
 */
export class IdleFold {
  /**
   * @param header where the button goes
   * @param bodies the elements to fold
   * @param what what the panel shows, for the note ("signal", "band power")
   */
  constructor(header, bodies, what) {
    this.bodies = bodies;
    this.what = what;
    this.lastDataMs = null;
    this.longestPauseMs = 0;
    this.folded = false;
    this.choice = null; // 'open' or 'closed' once the viewer pressed the button
    this.note = el('p', { className: 'waiting' });
    this.note.hidden = true;
    this.button = el('button', { type: 'button', className: 'fold', 'aria-expanded': 'true' }, 'Hide');
    this.button.addEventListener('click', () => {
      this.choice = this.folded ? 'open' : 'closed';
      this.set(!this.folded);
    });
    header.append(this.button);
    bodies[bodies.length - 1].after(this.note);
  }

  /** Data arrived. Returns true when this unfolded the panel (it needs a redraw). */
  touch(nowMs) {
    if (this.lastDataMs !== null) this.longestPauseMs = Math.max(this.longestPauseMs, nowMs - this.lastDataMs);
    this.lastDataMs = nowMs;
    if (this.folded && this.choice !== 'closed') {
      this.set(false);
      return true;
    }
    return false;
  }

  /** True when data arrived within the last second. */
  live(nowMs) {
    return this.lastDataMs !== null && nowMs - this.lastDataMs < 1000;
  }

  /**
   * Called every animation frame: folds an idle panel.
   *
   * @param anotherLive whether another panel of the same kind has live data
   */
  tick(nowMs, anotherLive = false) {
    if (this.lastDataMs === null || this.folded || this.choice === 'open') return;
    const idleMs = nowMs - this.lastDataMs;
    if (idleMs > (anotherLive ? REPLACED_MS : Math.max(IDLE_MS, 3 * this.longestPauseMs))) {
      this.note.textContent = `No ${this.what} for ${Math.round(idleMs / 1000)} s: the stream has ended or stalled.`;
      this.set(true);
    }
  }

  set(folded) {
    this.folded = folded;
    for (const body of this.bodies) body.hidden = folded;
    this.note.hidden = !folded || this.choice === 'closed';
    this.button.textContent = folded ? 'Show' : 'Hide';
    this.button.setAttribute('aria-expanded', String(!folded));
  }
}
