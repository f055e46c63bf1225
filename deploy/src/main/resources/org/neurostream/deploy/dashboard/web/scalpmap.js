// Band-power scalp map of one EEG stream: the values of the channels with a known position, interpolated over the
// head by inverse squared distance, in the viridis colour map with a colour bar in dB.

import { el, panel, idFor, channelLabel, streamTitle, IdleFold } from './dom.js';
import { theme, fitCanvas, COLOR_MAP } from './charts.js';

/** Interpolation grid cells along each side of the head. */
const GRID = 80;
const SIZE_PX = 260;
const BAR = { width: 14, gap: 18, labels: 44 };

/**
 * The scalp map panel of one EEG stream, or null when fewer than three channels have a position.
 *
 * @param headRadius radius of the head outline in the channels' coordinates (electrodes below the head's equator
 *   lie outside it)
 */
export function createScalpMap(stream, headRadius = 1) {
  const positioned = (stream.channels ?? [])
    .map((ch, index) => ({ index, label: channelLabel(ch, index), x: ch?.x, y: ch?.y }))
    .filter((ch) => Number.isFinite(ch.x) && Number.isFinite(ch.y));
  return positioned.length >= 3 ? new ScalpMapPanel(stream, positioned, headRadius) : null;
}

class ScalpMapPanel {
  constructor(stream, positioned, headRadius) {
    this.stream = stream;
    this.positioned = positioned;
    this.values = null;
    this.bad = new Set();
    this.range = null;
    this.updates = 0;
    this.dirty = false;
    this.headRadius = headRadius > 0 ? headRadius : 1;
    // The map covers every electrode, also those outside the head outline, as MNE's topomaps do.
    this.radius = Math.max(this.headRadius, ...positioned.map((p) => Math.hypot(p.x, p.y))) * 1.04;
    this.cells = this.gridCells();
    this.image = new ImageData(GRID, GRID);
    this.offscreen = document.createElement('canvas');
    this.offscreen.width = GRID;
    this.offscreen.height = GRID;

    const id = `scalp-${idFor(stream.key)}`;
    const { section, header, sub } = panel(id, 'Band power', streamTitle(stream));
    this.sub = sub;
    this.canvas = el('canvas', { role: 'img', 'aria-label': 'Scalp map of band power: waiting for data' });
    this.canvas.dataset.updates = '0';
    this.waiting = el('p', { className: 'waiting' }, 'Waiting for band power…');
    const box = el('div', { className: 'canvas-box' }, this.canvas);
    section.append(this.waiting, box);
    this.fold = new IdleFold(header, [box], 'band power');
    this.section = section;
    new ResizeObserver(() => { this.dirty = true; }).observe(this.canvas);
  }

  /** Grid cells inside the head, with the squared distances to every positioned electrode. */
  gridCells() {
    const cells = [];
    for (let row = 0; row < GRID; row++) {
      for (let col = 0; col < GRID; col++) {
        const x = ((col + 0.5) / GRID * 2 - 1) * this.radius;
        const y = (1 - (row + 0.5) / GRID * 2) * this.radius;
        if (Math.hypot(x, y) > this.radius) continue;
        const inverseSquared = new Float32Array(this.positioned.length);
        let exact = -1;
        this.positioned.forEach((p, k) => {
          const d2 = (x - p.x) ** 2 + (y - p.y) ** 2;
          if (d2 < 1e-10) exact = k;
          inverseSquared[k] = 1 / Math.max(d2, 1e-10);
        });
        cells.push({ offset: (row * GRID + col) * 4, weights: inverseSquared, exact });
      }
    }
    return cells;
  }

  /** Redraws on the next frame (after a change of theme). */
  invalidate() {
    this.dirty = true;
  }

  /** A `bandpower` event. */
  onBandpower(event) {
    this.values = event.valuesDb;
    this.band = event.bandHz;
    this.bad = new Set(this.badFromTraces ?? []);
    const good = this.positioned.filter((p) => !this.bad.has(p.index) && Number.isFinite(this.values[p.index]));
    if (good.length === 0) return;
    const vs = good.map((p) => this.values[p.index]);
    let lo = Math.min(...vs);
    let hi = Math.max(...vs);
    if (hi - lo < 1e-6) {
      lo -= 0.5;
      hi += 0.5;
    }
    // Keep the colour scale unless the data leave it or shrink well inside it, so that colours stay comparable.
    if (this.range === null || lo < this.range[0] || hi > this.range[1]
        || hi - lo < 0.6 * (this.range[1] - this.range[0])) {
      const margin = (hi - lo) * 0.05;
      this.range = [lo - margin, hi + margin];
    }
    this.interpolate(good);
    this.updates++;
    this.waiting.hidden = true;
    this.dirty = true;
    this.fold.touch(performance.now());
    const top = good.reduce((a, b) => (this.values[b.index] > this.values[a.index] ? b : a));
    this.sub.textContent = `${streamTitle(this.stream)} · ${formatBand(this.band)}`;
    this.canvas.setAttribute('aria-label', `Scalp map of ${formatBand(this.band)} band power from `
      + `${this.range[0].toFixed(1)} to ${this.range[1].toFixed(1)} dB; highest at ${top.label} `
      + `(${this.values[top.index].toFixed(1)} dB)`);
  }

  /** Bad channels as the traces report them (the bandpower event does not carry them). */
  setBadChannels(bad) {
    this.badFromTraces = bad;
  }

  interpolate(good) {
    const data = this.image.data;
    data.fill(0);
    const [lo, hi] = this.range;
    const goodIndex = good.map((p) => this.positioned.indexOf(p));
    const isGood = new Uint8Array(this.positioned.length);
    goodIndex.forEach((k) => { isGood[k] = 1; });
    for (const cell of this.cells) {
      let value;
      if (cell.exact >= 0 && isGood[cell.exact]) {
        value = this.values[this.positioned[cell.exact].index];
      } else {
        let sum = 0;
        let weights = 0;
        for (const k of goodIndex) {
          const w = cell.weights[k];
          sum += w * this.values[this.positioned[k].index];
          weights += w;
        }
        value = sum / weights;
      }
      const lut = Math.max(0, Math.min(255, Math.round(((value - lo) / (hi - lo)) * 255))) * 3;
      data[cell.offset] = COLOR_MAP[lut];
      data[cell.offset + 1] = COLOR_MAP[lut + 1];
      data[cell.offset + 2] = COLOR_MAP[lut + 2];
      data[cell.offset + 3] = 255;
    }
    this.offscreen.getContext('2d').putImageData(this.image, 0, 0);
  }

  draw(nowMs, anotherLive = false) {
    this.fold.tick(nowMs, anotherLive);
    if (!this.dirty || this.values === null) return;
    this.dirty = false;
    const area = fitCanvas(this.canvas, SIZE_PX);
    if (area === null) return;
    const { ctx, width, height } = area;
    const t = theme();
    ctx.clearRect(0, 0, width, height);
    const barSpace = BAR.width + BAR.gap + BAR.labels;
    const mapPx = Math.min(height - 34, width - barSpace - 24) / 2; // radius of the map on screen
    const scale = mapPx / this.radius;
    const headPx = this.headRadius * scale;
    const cx = (width - barSpace) / 2;
    const cy = height / 2 + 6; // a little room above for the nose

    ctx.save();
    ctx.beginPath();
    ctx.arc(cx, cy, mapPx, 0, 2 * Math.PI);
    ctx.clip();
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(this.offscreen, cx - mapPx, cy - mapPx, 2 * mapPx, 2 * mapPx);
    ctx.restore();

    // The head on top of the map: outline, nose and ears (electrodes below its equator lie outside the outline).
    ctx.strokeStyle = t.text;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.arc(cx, cy, headPx, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.beginPath();
    ctx.moveTo(cx - headPx * 0.12, cy - headPx * 0.99);
    ctx.lineTo(cx, cy - headPx * 1.12);
    ctx.lineTo(cx + headPx * 0.12, cy - headPx * 0.99);
    ctx.stroke();
    for (const side of [-1, 1]) {
      ctx.beginPath();
      ctx.ellipse(cx + side * headPx * 1.04, cy, headPx * 0.05, headPx * 0.16, 0, 0, 2 * Math.PI);
      ctx.stroke();
    }

    // Electrodes: a dot, or a cross for a bad channel; labels when there are few.
    ctx.font = `9px ${t.font}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    for (const p of this.positioned) {
      const x = cx + p.x * scale;
      const y = cy - p.y * scale;
      if (this.bad.has(p.index)) {
        ctx.strokeStyle = t.bad;
        ctx.lineWidth = 2;
        ctx.beginPath();
        ctx.moveTo(x - 3, y - 3);
        ctx.lineTo(x + 3, y + 3);
        ctx.moveTo(x + 3, y - 3);
        ctx.lineTo(x - 3, y + 3);
        ctx.stroke();
      } else {
        ctx.fillStyle = '#000';
        ctx.beginPath();
        ctx.arc(x, y, 1.6, 0, 2 * Math.PI);
        ctx.fill();
      }
      if (this.positioned.length <= 32) {
        ctx.fillStyle = t.text;
        ctx.fillText(p.label, x, y - 3);
      }
    }

    // Colour bar with the dB scale.
    const barX = width - barSpace + BAR.gap;
    const barTop = 16;
    const barHeight = height - 36;
    for (let i = 0; i < barHeight; i++) {
      const lut = Math.round((1 - i / (barHeight - 1)) * 255) * 3;
      ctx.fillStyle = `rgb(${COLOR_MAP[lut]}, ${COLOR_MAP[lut + 1]}, ${COLOR_MAP[lut + 2]})`;
      ctx.fillRect(barX, barTop + i, BAR.width, 1);
    }
    ctx.strokeStyle = t.muted;
    ctx.lineWidth = 1;
    ctx.strokeRect(barX + 0.5, barTop + 0.5, BAR.width - 1, barHeight - 1);
    ctx.fillStyle = t.text;
    ctx.font = `11px ${t.font}`;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    const [lo, hi] = this.range;
    for (const f of [0, 0.5, 1]) {
      ctx.fillText((lo + f * (hi - lo)).toFixed(1), barX + BAR.width + 4, barTop + (1 - f) * (barHeight - 1));
    }
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    ctx.fillText('dB', barX + BAR.width / 2, barTop - 2);
    this.canvas.dataset.updates = String(this.updates);
  }
}

function formatBand(bandHz) {
  return Array.isArray(bandHz) ? `${bandHz[0]}–${bandHz[1]} Hz` : '';
}
