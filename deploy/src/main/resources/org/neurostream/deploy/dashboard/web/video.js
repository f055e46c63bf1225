// A video stream: its current frame, and per layer of the delta network the temporal sparsity and the effective
// multiply-accumulates over the last frames.

import { el, panel, idFor, streamTitle } from './dom.js';
import { fitCanvas, drawLineChart, renderLegend, seriesColor, formatSi } from './charts.js';

/** Frames of sparsity history on the charts. */
const HISTORY = 300;

export class VideoPanel {
  /**
   * @param stream one entry of /api/info's streams
   * @param withToken adds the access token to a URL
   */
  constructor(stream, withToken) {
    this.stream = stream;
    this.withToken = withToken;
    this.layers = new Map(); // name -> {sparsity: [[frame, s]], macs: [[frame, effective]]}
    this.loading = false;
    this.pendingUrl = null;
    this.frames = 0;
    this.dirty = false;

    const id = `video-${idFor(stream.key)}`;
    const size = stream.frameWidth > 0 ? `${stream.frameWidth}×${stream.frameHeight} · ` : '';
    const { section, sub } = panel(id, streamTitle(stream), `${size}video`);
    this.sub = sub;
    this.image = el('img', {
      alt: `Current frame of ${streamTitle(stream)}`,
      width: stream.frameWidth > 0 ? stream.frameWidth : 320,
      height: stream.frameHeight > 0 ? stream.frameHeight : 240,
    });
    this.image.hidden = true;
    this.image.addEventListener('load', () => this.loaded());
    this.image.addEventListener('error', () => this.loaded());
    this.caption = el('figcaption', {}, 'Waiting for frames…');
    section.dataset.frames = '0';

    this.sparsityCanvas = el('canvas', { role: 'img', 'aria-label': 'Temporal sparsity per layer: no data yet' });
    this.macsCanvas = el('canvas', { role: 'img', 'aria-label': 'Effective MACs per layer: no data yet' });
    this.legend = el('ul', { className: 'legend' });
    this.summary = el('p', { className: 'sub' });
    section.append(el('div', { className: 'video-grid' },
      el('figure', { className: 'frame' }, this.image, this.caption),
      el('div', {},
        el('h3', {}, 'Temporal sparsity per layer'), el('div', { className: 'canvas-box' }, this.sparsityCanvas),
        el('h3', {}, 'Effective MACs per layer'), el('div', { className: 'canvas-box' }, this.macsCanvas),
        this.legend, this.summary)));
    this.section = section;
    const resized = new ResizeObserver(() => { this.dirty = true; });
    resized.observe(this.sparsityCanvas);
    resized.observe(this.macsCanvas);
  }

  /** Redraws on the next frame (after a change of theme). */
  invalidate() {
    this.dirty = true;
  }

  /** A `frame` event: shows the frame, skipping frames that arrive while the previous one still loads. */
  onFrame(event) {
    this.frames++;
    this.caption.textContent = `frame ${event.frameIndex} at ${Number(event.timestampSeconds).toFixed(2)} s`;
    this.section.dataset.frames = String(this.frames);
    const url = this.withToken(event.url);
    if (this.loading) {
      this.pendingUrl = url;
    } else {
      this.loading = true;
      this.image.src = url;
    }
  }

  loaded() {
    this.image.hidden = false;
    this.loading = false;
    if (this.pendingUrl !== null) {
      const next = this.pendingUrl;
      this.pendingUrl = null;
      this.loading = true;
      this.image.src = next;
    }
  }

  /** A `sparsity` event. */
  onSparsity(event) {
    let effective = 0;
    let dense = 0;
    for (const layer of event.layers) {
      if (!this.layers.has(layer.name)) this.layers.set(layer.name, { sparsity: [], macs: [] });
      const history = this.layers.get(layer.name);
      history.sparsity.push([event.frameIndex, layer.sparsity]);
      history.macs.push([event.frameIndex, layer.effectiveMacs]);
      if (history.sparsity.length > HISTORY) {
        history.sparsity.shift();
        history.macs.shift();
      }
      effective += layer.effectiveMacs;
      dense += layer.denseMacs;
    }
    const ratio = effective > 0 ? `, ${(dense / effective).toFixed(1)}× fewer than dense` : '';
    this.summary.textContent = `Frame ${event.frameIndex}: ${formatSi(effective)} effective of ${formatSi(dense)} `
      + `dense MACs${ratio}`;
    renderLegend(this.legend, [...this.layers.keys()].map((name, i) => ({ name, color: seriesColor(i) })));
    this.sparsityCanvas.setAttribute('aria-label', `Temporal sparsity at frame ${event.frameIndex}: `
      + event.layers.map((l) => `${l.name} ${(100 * l.sparsity).toFixed(0)} %`).join(', '));
    this.macsCanvas.setAttribute('aria-label', this.summary.textContent);
    this.dirty = true;
  }

  draw() {
    if (!this.dirty) return;
    this.dirty = false;
    const entries = [...this.layers.entries()];
    const sparsity = fitCanvas(this.sparsityCanvas, 130);
    if (sparsity !== null) {
      drawLineChart(sparsity, {
        series: entries.map(([name, h], i) => ({ name, color: seriesColor(i), points: h.sparsity })),
        xLabel: 'frame', xIntegers: true, xFormat: String, yMin: 0, yMax: 1, yFormat: (y) => `${Math.round(100 * y)} %`,
      });
    }
    const macs = fitCanvas(this.macsCanvas, 130);
    if (macs !== null) {
      drawLineChart(macs, {
        series: entries.map(([name, h], i) => ({ name, color: seriesColor(i), points: h.macs })),
        xLabel: 'frame', xIntegers: true, xFormat: String, yMin: 0,
      });
    }
  }
}
