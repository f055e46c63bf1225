// Stream health: per stream the rate seen against the nominal rate, gaps and latency; for the job backpressure and
// the age of the last checkpoint. Each value is marked good, warn or bad in colour and in words. A stream whose
// recording has ended (`ended`) shows "ended" without a mark: no data is then expected, so rate 0 is not bad.

import { el, panel, setStatus } from './dom.js';

/** Thresholds of the good / warn / bad marking. */
export const LIMITS = {
  rateRatioWarn: 0.95, // rate seen / nominal below this warns (replays faster than real time are fine) ...
  rateRatioBad: 0.8, // ... and below this is bad
  latencyWarnMs: 100,
  latencyBadMs: 500,
  backpressureWarn: 0.1, // fraction of time back-pressured
  backpressureBad: 0.5,
  checkpointWarnSeconds: 30,
  checkpointBadSeconds: 120,
  staleSeconds: 5, // no health report for this long warns
};

const LEVEL_WORDS = { good: 'OK', warn: 'warn', bad: 'bad', none: '' };

export class HealthPanel {
  /** @param nameOf the name and source recording ({name, source}) of a stream key */
  constructor(nameOf) {
    this.nameOf = nameOf;
    this.previousGaps = new Map();
    this.lastReportMs = null;
    this.reports = 0;

    const { section, sub } = panel('health', 'Stream health', 'waiting for the first report');
    this.sub = sub;
    section.dataset.reports = '0';
    this.rows = el('tbody');
    const table = el('table', { className: 'health-table' },
      el('caption', { className: 'visually-hidden' }, 'Health of each stream'),
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col' }, 'stream'),
        el('th', { scope: 'col', className: 'num' }, 'rate seen / nominal (Hz)'),
        el('th', { scope: 'col', className: 'num' }, 'gaps'),
        el('th', { scope: 'col', className: 'num' }, 'latency (ms)'))),
      this.rows);
    this.backpressure = el('span', { className: 'status status-none' }, '–');
    this.checkpoint = el('span', { className: 'status status-none' }, '–');
    this.freshness = el('span', { className: 'status status-none' }, '–');
    const extra = el('dl', { className: 'health-extra' },
      el('dt', {}, 'Backpressure'), el('dd', {}, this.backpressure),
      el('dt', {}, 'Last checkpoint'), el('dd', {}, this.checkpoint),
      el('dt', {}, 'Last report'), el('dd', {}, this.freshness));
    section.append(table, extra);
    this.section = section;
  }

  /** A `health` event. */
  onHealth(event) {
    this.reports++;
    this.lastReportMs = performance.now();
    this.rows.replaceChildren(...event.streams.map((s) => this.row(s)));
    const bp = backpressureLevel(event.backpressure);
    setStatus(this.backpressure, bp.level, bp.text);
    const age = event.lastCheckpointAgeSeconds;
    if (age === null || age === undefined) {
      setStatus(this.checkpoint, 'none', 'off: the job does not checkpoint');
    } else {
      const level = age < LIMITS.checkpointWarnSeconds ? 'good' : age < LIMITS.checkpointBadSeconds ? 'warn' : 'bad';
      setStatus(this.checkpoint, level, `${age.toFixed(1)} s ago · ${LEVEL_WORDS[level]}`);
    }
    this.section.dataset.reports = String(this.reports);
    this.sub.textContent = `${event.streams.length} stream${event.streams.length === 1 ? '' : 's'}`;
    this.tick(this.lastReportMs);
  }

  row(s) {
    const nominal = s.nominalRateHz > 0 ? s.nominalRateHz : null;
    let rateLevel = 'none';
    if (s.ended) {
      rateLevel = 'none';
    } else if (nominal !== null) {
      const ratio = s.rateHz / nominal;
      rateLevel = ratio >= LIMITS.rateRatioWarn ? 'good' : ratio >= LIMITS.rateRatioBad ? 'warn' : 'bad';
    }
    const previous = this.previousGaps.get(s.key) ?? 0;
    this.previousGaps.set(s.key, s.gaps);
    const gapLevel = s.gaps > previous ? 'bad' : s.gaps > 0 ? 'warn' : 'good';
    const latencyLevel = !Number.isFinite(s.latencyMs) ? 'none' : s.latencyMs < LIMITS.latencyWarnMs ? 'good'
      : s.latencyMs < LIMITS.latencyBadMs ? 'warn' : 'bad';
    const chip = (level, text) => {
      const node = el('span');
      setStatus(node, level, level === 'none' ? text : `${text} · ${LEVEL_WORDS[level]}`);
      return node;
    };
    return el('tr', { 'data-stream': s.key, 'data-ended': String(Boolean(s.ended)) },
      this.nameCell(s.key),
      el('td', { className: 'num' }, chip(rateLevel, s.ended
        ? `ended / ${nominal === null ? 'irregular' : formatRate(nominal)}`
        : `${formatRate(s.rateHz)} / ${nominal === null ? 'irregular' : formatRate(nominal)}`)),
      el('td', { className: 'num' }, chip(gapLevel, String(s.gaps))),
      el('td', { className: 'num' }, chip(latencyLevel, Number.isFinite(s.latencyMs) ? s.latencyMs.toFixed(1) : '–')));
  }

  nameCell(key) {
    const { name, source } = this.nameOf(key);
    const cell = el('th', { scope: 'row' }, name);
    if (source !== '') cell.append(el('br'), el('span', { className: 'sub' }, source));
    return cell;
  }

  /** Marks the health reports stale when none came for a while; called every animation frame. */
  tick(nowMs) {
    if (this.lastReportMs === null) return;
    const seconds = Math.max(0, (nowMs - this.lastReportMs) / 1000);
    const level = seconds < LIMITS.staleSeconds ? 'good' : 'warn';
    const text = `${seconds.toFixed(0)} s ago · ${LEVEL_WORDS[level]}`;
    if (this.freshness.textContent !== text) setStatus(this.freshness, level, text);
  }
}

function backpressureLevel(value) {
  if (value === null || value === undefined) return { level: 'none', text: 'not measured' };
  if (typeof value === 'string') {
    const level = { ok: 'good', low: 'warn', high: 'bad' }[value.toLowerCase()] ?? 'none';
    return { level, text: value };
  }
  const level = value < LIMITS.backpressureWarn ? 'good' : value < LIMITS.backpressureBad ? 'warn' : 'bad';
  return { level, text: `${(100 * value).toFixed(0)} % of the time · ${LEVEL_WORDS[level]}` };
}

function formatRate(hz) {
  return Number.isFinite(hz) ? (hz >= 100 ? hz.toFixed(0) : hz.toFixed(1)) : '–';
}
