// The classifier at work: class probabilities of the last trial, prequential accuracy and kappa, the last decisions
// and the learning curve (running accuracy against trial number, one line per session).

import { el, panel } from './dom.js';
import { fitCanvas, drawLineChart, renderLegend, seriesColor } from './charts.js';

/** Decisions listed in the table. */
const RECENT = 10;

export class PredictionPanel {
  /** @param classes class names from /api/info, in the model's order */
  constructor(classes) {
    this.classes = [...classes];
    this.curves = new Map(); // session -> [[trial, accuracy], ...]
    this.received = 0;
    this.dirty = false;

    const { section, sub } = panel('predictions', 'Predictions', 'waiting for the first trial');
    this.sub = sub;
    section.dataset.trials = '0';
    this.bars = el('div', { className: 'probabilities', role: 'list', 'aria-label': 'Class probabilities' });
    this.barRows = new Map();
    this.classes.forEach((c) => this.barRow(c));

    this.accuracy = el('dd', {}, '–');
    this.kappa = el('dd', {}, '–');
    this.trials = el('dd', {}, '0');
    this.latency = el('dd', {}, '–');
    const score = (name, dd, title) => el('div', { title }, el('dt', {}, name), dd);
    const scores = el('dl', { className: 'scores' },
      score('accuracy', this.accuracy, 'Prequential accuracy: each trial predicted before its label is learnt'),
      score('kappa', this.kappa, "Cohen's kappa of the predictions so far"),
      score('trials', this.trials, 'Trials predicted'),
      score('latency (ms)', this.latency, 'Decision latency of the last trial (ms)'));

    this.curveCanvas = el('canvas', { role: 'img', 'aria-label': 'Learning curve: no trials yet' });
    this.legend = el('ul', { className: 'legend' });
    this.rows = el('tbody');
    const table = el('table', { className: 'decisions' },
      el('caption', { className: 'visually-hidden' }, 'Last decisions, newest first'),
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', className: 'num' }, 'trial'),
        el('th', { scope: 'col' }, 'session'),
        el('th', { scope: 'col' }, 'predicted'),
        el('th', { scope: 'col' }, 'true'),
        el('th', { scope: 'col' }, 'result'))),
      this.rows);

    section.append(this.bars, scores,
      el('h3', {}, 'Learning curve'), el('div', { className: 'canvas-box' }, this.curveCanvas), this.legend,
      el('h3', {}, 'Last decisions'), table);
    this.section = section;
    new ResizeObserver(() => { this.dirty = true; }).observe(this.curveCanvas);
  }

  /** Redraws on the next frame (after a change of theme). */
  invalidate() {
    this.dirty = true;
  }

  barRow(cls) {
    let row = this.barRows.get(cls);
    if (row === undefined) {
      const fill = el('div', { className: 'fill' });
      const pct = el('span', { className: 'pct' }, '–');
      const item = el('div', { className: 'prob-row', role: 'listitem' },
        el('span', { className: 'cls' }, cls),
        el('div', { className: 'bar', role: 'presentation' }, fill),
        pct);
      row = { item, fill, pct };
      this.barRows.set(cls, row);
      this.bars.append(item);
    }
    return row;
  }

  /** A `prediction` event. */
  onPrediction(p) {
    this.received++;
    // Every class gets a row; a job that gives no probabilities (e.g. more than two classes) still shows the
    // predicted class.
    const probabilities = p.probabilities ?? {};
    for (const cls of [p.predicted, ...Object.keys(probabilities)]) this.barRow(cls);
    for (const [cls, row] of this.barRows) {
      const probability = probabilities[cls];
      const known = Number.isFinite(probability);
      row.fill.style.width = known ? `${(100 * probability).toFixed(1)}%` : '0';
      row.pct.textContent = known ? `${(100 * probability).toFixed(0)} %` : '–';
      row.item.classList.toggle('predicted', cls === p.predicted);
      row.item.setAttribute('aria-label', `${cls}: ${known ? `${(100 * probability).toFixed(0)} percent` : 'no probability'}`
        + (cls === p.predicted ? ', predicted' : ''));
    }
    this.accuracy.textContent = formatFraction(p.accuracy);
    this.kappa.textContent = Number.isFinite(p.kappa) ? p.kappa.toFixed(2) : '–';
    this.trials.textContent = String(this.received);
    this.latency.textContent = Number.isFinite(p.latencyMs) ? p.latencyMs.toFixed(1) : '–';
    this.sub.textContent = `session ${p.session} · trial ${p.trial} at ${Number(p.timestampSeconds).toFixed(1)} s`;

    const result = p.correct === null || p.correct === undefined ? ['unlabelled', 'status-none']
      : p.correct ? ['✓ right', 'status-good'] : ['✗ wrong', 'status-bad'];
    this.rows.prepend(el('tr', {},
      el('td', { className: 'num' }, String(p.trial)),
      el('td', {}, String(p.session)),
      el('td', {}, String(p.predicted)),
      el('td', {}, p.label ?? '–'),
      el('td', {}, el('span', { className: `status ${result[1]}` }, result[0]))));
    while (this.rows.children.length > RECENT) this.rows.lastElementChild.remove();

    if (Number.isFinite(p.accuracy)) {
      if (!this.curves.has(p.session)) this.curves.set(p.session, []);
      this.curves.get(p.session).push([p.trial, p.accuracy]);
      renderLegend(this.legend, [...this.curves.keys()].map((s, i) => ({ name: `session ${s}`, color: seriesColor(i) })));
      this.curveCanvas.setAttribute('aria-label', `Learning curve: running accuracy ${formatFraction(p.accuracy)} `
        + `after trial ${p.trial} of session ${p.session}`);
    }
    this.section.dataset.trials = String(this.received);
    this.dirty = true;
  }

  draw() {
    if (!this.dirty) return;
    this.dirty = false;
    const area = fitCanvas(this.curveCanvas, 150);
    if (area === null) return;
    const chance = this.barRows.size > 0 ? 1 / this.barRows.size : null;
    drawLineChart(area, {
      series: [...this.curves.entries()].map(([session, points], i) => ({
        name: session, color: seriesColor(i), points, dots: points.length < 40,
      })),
      xLabel: 'trial',
      xIntegers: true, xFormat: String,
      yMin: 0,
      yMax: 1,
      yFormat: (y) => `${Math.round(y * 100)} %`,
      references: chance === null ? [] : [{ y: chance, label: `chance ${Math.round(chance * 100)} %` }],
    });
  }
}

function formatFraction(value) {
  return Number.isFinite(value) ? `${(100 * value).toFixed(1)} %` : '–';
}
