// Scrolling multi-channel EEG traces of one stream: per-channel automatic scaling with a manual gain, raw or
// filtered view, bad channels greyed, markers as labelled vertical lines, the last WINDOW_SECONDS of signal.
//
// Drawing stays cheap at 64 channels × 1 kHz: the traces live in an offscreen ring of device-pixel columns, one per
// WINDOW_SECONDS / width seconds. Each animation frame draws only the columns that have passed since the last one;
// the whole ring is redrawn only when the scaling, gain, view, bad channels, size or theme change.

import { el, panel, idFor, channelLabel, streamTitle, IdleFold } from './dom.js';
import { theme, fitCanvas, niceStep, seriesColor } from './charts.js';

/** Seconds of signal on screen. */
export const WINDOW_SECONDS = 10;

const MARGIN = { left: 58, right: 10, top: 18, bottom: 24 };
/** Amplitude that fills half a lane, in standard deviations of the channel over the window. */
const HALF_LANE_SIGMAS = 3;
/** The display end follows the newest sample with this time constant (seconds of wall-clock time). */
const FOLLOW_SECONDS = 0.12;
/** The channel scaling is re-estimated at most this often (ms) while data arrive. */
const SCALING_INTERVAL_MS = 250;

/**
 * A ring buffer of a multi-channel signal holding one timestamp (stream seconds) per sample, so that gaps and rate
 * changes are drawn where they happen.
 */
class SignalBuffer {
  constructor(channelCount, capacity) {
    this.channelCount = channelCount;
    this.capacity = capacity;
    this.values = Array.from({ length: channelCount }, () => new Float32Array(capacity));
    this.times = new Float64Array(capacity);
    this.count = 0;
    this.next = 0;
    this.rateHz = NaN;
  }

  /** Appends `values[channel][sample]` whose first sample is at `t0Seconds`; returns the samples appended. */
  append(t0Seconds, rateHz, values) {
    this.rateHz = rateHz;
    const n = values.length === 0 ? 0 : values[0].length;
    for (let s = 0; s < n; s++) {
      const i = this.next;
      this.times[i] = t0Seconds + s / rateHz;
      for (let c = 0; c < this.channelCount; c++) {
        const v = values[c][s];
        this.values[c][i] = v === null ? NaN : v;
      }
      this.next = (i + 1) % this.capacity;
      this.count = Math.min(this.count + 1, this.capacity);
    }
    return n;
  }

  /** A copy with room for `capacity` samples holding the newest samples of this one. */
  grownTo(capacity) {
    const grown = new SignalBuffer(this.channelCount, capacity);
    const keep = Math.min(this.count, capacity);
    for (let k = this.count - keep; k < this.count; k++) {
      const i = this.index(k);
      grown.times[grown.next] = this.times[i];
      for (let c = 0; c < this.channelCount; c++) grown.values[c][grown.next] = this.values[c][i];
      grown.next++;
    }
    grown.count = keep;
    grown.next %= capacity;
    grown.rateHz = this.rateHz;
    return grown;
  }

  /** Physical index of the `k`-th oldest sample. */
  index(k) {
    return (this.next - this.count + k + this.capacity) % this.capacity;
  }

  newestSeconds() {
    return this.count === 0 ? NaN : this.times[this.index(this.count - 1)];
  }

  /** The logical position of the first sample at or after `seconds` (binary search: times increase). */
  firstAtOrAfter(seconds) {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.times[this.index(mid)] < seconds) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * Vertical placement of each channel: the centre value and the amplitude that fills half a lane (µV). Both follow
 * the signal with hysteresis, so that the picture does not flicker and the strip rarely needs a full redraw.
 */
class ChannelScaling {
  constructor(channelCount) {
    this.center = new Float64Array(channelCount).fill(NaN);
    this.halfRange = new Float64Array(channelCount);
  }

  /** Re-estimates from the samples in [fromSeconds, toSeconds]; returns true when a channel's placement changed. */
  update(buffer, fromSeconds, toSeconds) {
    const first = buffer.firstAtOrAfter(fromSeconds);
    const last = buffer.firstAtOrAfter(toSeconds + 1e-9);
    let changed = false;
    for (let c = 0; c < buffer.channelCount; c++) {
      const data = buffer.values[c];
      let sum = 0;
      let sumSquares = 0;
      let n = 0;
      for (let k = first; k < last; k++) {
        const v = data[buffer.index(k)];
        if (Number.isFinite(v)) {
          sum += v;
          sumSquares += v * v;
          n++;
        }
      }
      if (n === 0) continue;
      const mean = sum / n;
      const wanted = Math.max(HALF_LANE_SIGMAS * Math.sqrt(Math.max(0, sumSquares / n - mean * mean)), 1e-6);
      const current = this.halfRange[c];
      if (!(current > 0) || wanted > current * 1.25 || wanted < current / 1.6) {
        this.halfRange[c] = wanted;
        changed = true;
      }
      if (!Number.isFinite(this.center[c]) || Math.abs(mean - this.center[c]) > 0.25 * this.halfRange[c]) {
        this.center[c] = mean;
        changed = true;
      }
    }
    return changed;
  }
}

/**
 * The offscreen image of the traces in device pixels, used as a ring of columns: absolute column k shows the time
 * [k, k + 1) × secondsPerColumn and sits at x = k mod width. New columns overwrite the oldest, so scrolling needs
 * no copying; the visible canvas takes the ring in two pieces.
 */
class TraceStrip {
  constructor() {
    this.canvas = document.createElement('canvas');
    this.ctx = this.canvas.getContext('2d');
    this.endColumn = NaN;
  }

  /** Sets the geometry (device pixels); a change empties the strip. */
  resize(width, height, laneHeight, pad) {
    if (width === this.canvas.width && height === this.canvas.height && laneHeight === this.laneHeight) return;
    this.canvas.width = width;
    this.canvas.height = height;
    this.laneHeight = laneHeight;
    this.pad = pad;
    this.secondsPerColumn = WINDOW_SECONDS / width;
    this.invalidate();
  }

  invalidate() {
    this.endColumn = NaN;
  }

  /** The x of absolute column `column` in the ring. */
  position(column) {
    const width = this.canvas.width;
    return ((column % width) + width) % width;
  }

  /**
   * Brings the strip up to absolute column `endColumn` (its last complete column), drawing only the columns that
   * passed, or all of them after an invalidation or a jump. Returns true if it drew.
   */
  update(buffer, endColumn, look) {
    const width = this.canvas.width;
    let from;
    if (!Number.isFinite(this.endColumn) || endColumn < this.endColumn || endColumn - this.endColumn >= width) {
      from = endColumn - width + 1;
    } else if (endColumn === this.endColumn) {
      return false;
    } else {
      from = this.endColumn + 1;
    }
    this.endColumn = endColumn;
    // The columns as at most two runs that do not wrap around the ring.
    while (from <= endColumn) {
      const to = Math.min(endColumn, from + (width - 1 - this.position(from)));
      this.drawColumns(buffer, from, to, look);
      from = to + 1;
    }
    return true;
  }

  /** Clears and draws the columns [from, to] (not wrapping) of every channel. */
  drawColumns(buffer, from, to, { scaling, gain, bad, traceColor, badColor }) {
    const ctx = this.ctx;
    const spc = this.secondsPerColumn;
    const x0 = this.position(from);
    const origin = from - x0; // the absolute column drawn at x = 0
    ctx.save();
    ctx.beginPath();
    ctx.rect(x0, 0, to - from + 1, this.canvas.height);
    ctx.clip();
    ctx.clearRect(x0, 0, to - from + 1, this.canvas.height);
    // From the sample before the first column to the sample after the last, so that lines cross the edges.
    const kStart = Math.max(0, buffer.firstAtOrAfter(from * spc) - 1);
    const kEnd = Math.min(buffer.count, buffer.firstAtOrAfter((to + 1) * spc) + 1);
    const gapSeconds = 3 / buffer.rateHz;
    const lane = this.laneHeight;
    ctx.lineWidth = Math.max(1, Math.round(window.devicePixelRatio || 1));
    ctx.lineJoin = 'round';
    for (let c = 0; c < buffer.channelCount && kEnd > kStart; c++) {
      const halfRange = scaling.halfRange[c];
      if (!(halfRange > 0)) continue;
      const data = buffer.values[c];
      const center = scaling.center[c];
      const pxPerUnit = (lane / 2) * gain / halfRange;
      const mid = this.pad + (c + 0.5) * lane;
      ctx.strokeStyle = bad.has(c) ? badColor : traceColor;
      ctx.beginPath();
      let column = NaN;
      let low = 0;
      let high = 0;
      let previousSeconds = -Infinity;
      let penDown = false;
      for (let k = kStart; k < kEnd; k++) {
        const i = buffer.index(k);
        const v = data[i];
        const seconds = buffer.times[i];
        if (!Number.isFinite(v) || seconds - previousSeconds > gapSeconds) penDown = false;
        previousSeconds = seconds;
        if (!Number.isFinite(v)) continue;
        const x = seconds / spc - origin;
        const y = mid - (v - center) * pxPerUnit;
        const col = Math.floor(x);
        if (penDown && col === column) {
          // Several samples in one pixel column: keep the column's extent (min/max decimation).
          if (y < low) low = y;
          if (y > high) high = y;
          continue;
        }
        if (penDown && high - low > 0.5) {
          ctx.lineTo(column + 0.5, low);
          ctx.lineTo(column + 0.5, high);
        }
        if (penDown) ctx.lineTo(x, y);
        else ctx.moveTo(x, y);
        penDown = true;
        column = col;
        low = y;
        high = y;
      }
      if (penDown && high - low > 0.5) {
        ctx.lineTo(column + 0.5, low);
        ctx.lineTo(column + 0.5, high);
      }
      ctx.stroke();
    }
    ctx.restore();
  }

  /** Copies the ring, oldest column first, to `ctx` (device pixels) at (x, y). */
  blit(ctx, x, y) {
    const width = this.canvas.width;
    const height = this.canvas.height;
    const oldest = this.position(this.endColumn + 1);
    if (oldest < width) ctx.drawImage(this.canvas, oldest, 0, width - oldest, height, x, y, width - oldest, height);
    if (oldest > 0) ctx.drawImage(this.canvas, 0, 0, oldest, height, x + width - oldest, y, oldest, height);
  }
}

/** The traces panel of one EEG stream. */
export class TracePanel {
  /** @param stream one entry of /api/info's streams */
  constructor(stream) {
    this.stream = stream;
    this.labels = (stream.channels ?? []).map(channelLabel);
    this.buffers = { raw: null, filtered: null };
    this.view = null;
    this.viewChosenByUser = false;
    this.badChannels = new Set();
    this.markers = [];
    this.markerLabels = new Map();
    this.scaling = null;
    this.strip = new TraceStrip();
    this.gain = 1;
    this.displayEnd = NaN;
    this.lastFrameMs = 0;
    this.lastScalingMs = -Infinity;
    this.newData = false;
    this.samplesReceived = 0;
    this.draws = 0;
    this.dirty = true;
    this.lastSummaryMs = -Infinity;

    const id = `traces-${idFor(stream.key)}`;
    const { section, header, sub } = panel(id, streamTitle(stream),
      `${stream.channelCount || ''} channels · ${formatRate(stream.nominalRateHz)}`);
    section.classList.add('panel-traces');
    this.sub = sub;
    this.baseSubtitle = sub.textContent;

    const gainInput = el('input', {
      type: 'range', min: '-3', max: '3', step: '0.25', value: '0', id: `${id}-gain`,
      'aria-valuetext': '×1',
    });
    const gainValue = el('output', { htmlFor: `${id}-gain` }, '×1');
    gainInput.addEventListener('input', () => {
      this.gain = 2 ** Number(gainInput.value);
      gainValue.textContent = `×${formatGain(this.gain)}`;
      gainInput.setAttribute('aria-valuetext', gainValue.textContent);
      this.invalidate();
    });
    const gainLabel = el('label', { title: 'Multiplies every channel’s automatic scale' }, 'Gain', gainInput,
      gainValue);

    this.rawButton = el('button', { type: 'button', 'aria-pressed': 'false' }, 'raw');
    this.filteredButton = el('button', { type: 'button', 'aria-pressed': 'false' }, 'filtered');
    for (const [button, view] of [[this.rawButton, 'raw'], [this.filteredButton, 'filtered']]) {
      button.addEventListener('click', () => {
        this.viewChosenByUser = true;
        this.setView(view);
      });
    }
    this.viewToggle = el('span', { className: 'segmented', role: 'group', 'aria-label': 'Signal shown' },
      this.rawButton, this.filteredButton);
    this.viewToggle.hidden = true;
    header.append(el('div', { className: 'controls' }, this.viewToggle, gainLabel));

    this.canvas = el('canvas', { role: 'img', 'aria-label': `EEG traces of ${streamTitle(stream)}` });
    this.canvas.dataset.endSeconds = '';
    this.canvas.dataset.samples = '0';
    this.waiting = el('p', { className: 'waiting' }, 'Waiting for signal…');
    this.badList = el('p', { className: 'bad-list' });
    this.badList.hidden = true;
    const box = el('div', { className: 'canvas-box' }, this.canvas);
    section.append(this.waiting, box, this.badList);
    this.fold = new IdleFold(header, [box], 'signal');
    this.section = section;
    new ResizeObserver(() => { this.dirty = true; }).observe(this.canvas);
  }

  /** Redraws everything on the next frame (after a change of gain, view, bad channels or theme). */
  invalidate() {
    this.strip.invalidate();
    this.dirty = true;
  }

  setView(view) {
    if (this.buffers[view] === null || this.view === view) return;
    this.view = view;
    this.rawButton.setAttribute('aria-pressed', String(view === 'raw'));
    this.filteredButton.setAttribute('aria-pressed', String(view === 'filtered'));
    this.scaling = null;
    this.lastScalingMs = -Infinity;
    this.invalidate();
  }

  /** A `signal` event. */
  onSignal(event) {
    const kind = event.filtered ? 'filtered' : 'raw';
    const values = event.values;
    const channelCount = values.length;
    if (channelCount === 0 || !(event.rateHz > 0)) return;
    let buffer = this.buffers[kind];
    const capacity = Math.ceil(event.rateHz * WINDOW_SECONDS * 1.25) + 64;
    if (buffer !== null && buffer.count > 0 && event.t0Seconds < buffer.newestSeconds() - 1 / event.rateHz) {
      buffer = null; // the stream's clock went back (a new recording): start over
      this.markers = [];
      this.displayEnd = NaN;
    }
    if (buffer !== null && buffer.channelCount === channelCount && buffer.capacity < capacity) {
      // a higher point rate (the replay slowed down): keep what is drawn
      buffer = buffer.grownTo(capacity);
      this.buffers[kind] = buffer;
    } else if (buffer === null || buffer.channelCount !== channelCount) {
      buffer = new SignalBuffer(channelCount, capacity);
      this.buffers[kind] = buffer;
      if (kind === this.view) {
        this.scaling = null;
        this.invalidate();
      }
    }
    this.samplesReceived += buffer.append(event.t0Seconds, event.rateHz, values);
    const bad = new Set(event.badChannels ?? []);
    if (bad.size !== this.badChannels.size || [...bad].some((c) => !this.badChannels.has(c))) {
      this.badChannels = bad;
      this.invalidate();
    }
    // Show the filtered signal once it arrives, unless the viewer has chosen.
    if (this.view === null || (kind === 'filtered' && this.view === 'raw' && !this.viewChosenByUser)) {
      this.setView(kind);
    }
    if (this.buffers.raw !== null && this.buffers.filtered !== null) {
      this.viewToggle.hidden = false;
    }
    this.waiting.hidden = true;
    this.newData = true;
    this.dirty = true;
    this.fold.touch(performance.now());
  }

  /** A `marker` event (any marker stream: markers share the signals' clock). */
  onMarker(event) {
    if (!this.markerLabels.has(event.label)) {
      this.markerLabels.set(event.label, this.markerLabels.size);
    }
    this.markers.push({ seconds: event.timestampSeconds, label: String(event.label) });
    this.dirty = true;
  }

  /**
   * Draws what changed; called from requestAnimationFrame with its timestamp, and whether another EEG stream is live
   * (then an idle one folds sooner).
   */
  draw(nowMs, anotherLive = false) {
    this.fold.tick(nowMs, anotherLive);
    const buffer = this.view === null ? null : this.buffers[this.view];
    if (buffer === null || buffer.count === 0) return;
    const target = buffer.newestSeconds();
    const dt = this.lastFrameMs === 0 ? 0 : Math.min(0.5, (nowMs - this.lastFrameMs) / 1000);
    this.lastFrameMs = nowMs;
    const behind = target - this.displayEnd;
    if (!Number.isFinite(this.displayEnd) || behind < 0 || behind > WINDOW_SECONDS / 2) {
      this.displayEnd = target;
    } else if (behind > 0) {
      this.displayEnd += behind * (1 - Math.exp(-dt / FOLLOW_SECONDS));
    }

    if (this.scaling === null) {
      this.scaling = new ChannelScaling(buffer.channelCount);
      this.newData = true;
    }
    if (this.newData && nowMs - this.lastScalingMs >= SCALING_INTERVAL_MS) {
      this.newData = false;
      this.lastScalingMs = nowMs;
      if (this.scaling.update(buffer, target - WINDOW_SECONDS, target)) this.strip.invalidate();
    }

    const channels = buffer.channelCount;
    const laneHeight = Math.max(10, Math.min(36, Math.round(640 / channels)));
    const area = fitCanvas(this.canvas, MARGIN.top + MARGIN.bottom + laneHeight * channels);
    if (area === null) return;
    const ratio = window.devicePixelRatio || 1;
    const plotWidth = Math.max(1, area.width - MARGIN.left - MARGIN.right);
    const pad = Math.min(MARGIN.top, laneHeight) / 2;
    this.strip.resize(Math.round(plotWidth * ratio), Math.round((laneHeight * channels + 2 * pad) * ratio),
      laneHeight * ratio, pad * ratio);
    const endColumn = Math.floor(this.displayEnd / this.strip.secondsPerColumn) - 1;
    const t = theme();
    const look = {
      scaling: this.scaling, gain: this.gain, bad: this.badChannels, traceColor: t.trace, badColor: t.traceBad,
    };
    const stripChanged = this.strip.update(buffer, endColumn, look);
    if (!stripChanged && !this.dirty) return;
    this.dirty = false;
    this.compose(area, channels, laneHeight, pad);
    if (nowMs - this.lastSummaryMs > 1000) {
      this.lastSummaryMs = nowMs;
      this.describe();
    }
  }

  /** The visible canvas: lanes, labels and time axis, the strip of traces, and the markers on top. */
  compose({ ctx, width, height }, channels, laneHeight, pad) {
    const t = theme();
    const ratio = window.devicePixelRatio || 1;
    const spc = this.strip.secondsPerColumn;
    const end = (this.strip.endColumn + 1) * spc;
    const start = end - WINDOW_SECONDS;
    const plotWidth = this.strip.canvas.width / ratio;
    const xOf = (seconds) => MARGIN.left + (seconds - start) / spc / ratio;
    const plotBottom = MARGIN.top + laneHeight * channels;
    ctx.clearRect(0, 0, width, height);

    // Bad-channel lanes and lane labels.
    ctx.font = `${Math.min(11, laneHeight - 1)}px ${t.font}`;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    const labelEvery = Math.ceil(9 / laneHeight);
    for (let c = 0; c < channels; c++) {
      const y0 = MARGIN.top + c * laneHeight;
      const bad = this.badChannels.has(c);
      if (bad) {
        ctx.fillStyle = t.laneBad;
        ctx.fillRect(MARGIN.left, y0, plotWidth, laneHeight);
      }
      if (c % labelEvery === 0 || bad) {
        ctx.fillStyle = bad ? t.bad : t.muted;
        ctx.fillText((bad ? '✕ ' : '') + (this.labels[c] ?? `ch${c + 1}`), MARGIN.left - 5, y0 + laneHeight / 2);
      }
    }

    // Time axis: light grid lines with a label every `step` seconds.
    const step = niceStep(WINDOW_SECONDS, Math.max(2, plotWidth / 90));
    ctx.font = `11px ${t.font}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.lineWidth = 1;
    for (let k = Math.ceil(start / step); k * step <= end; k++) {
      const s = k * step;
      const x = Math.round(xOf(s)) + 0.5;
      ctx.strokeStyle = t.grid;
      ctx.beginPath();
      ctx.moveTo(x, MARGIN.top);
      ctx.lineTo(x, plotBottom + 4);
      ctx.stroke();
      ctx.fillStyle = t.muted;
      ctx.fillText(`${formatSeconds(s, step)} s`, x, plotBottom + 6);
    }

    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    this.strip.blit(ctx, Math.round(MARGIN.left * ratio), Math.round((MARGIN.top - pad) * ratio));
    ctx.restore();

    // Markers: a vertical line across the lanes and the label above them.
    this.markers = this.markers.filter((m) => m.seconds >= start - WINDOW_SECONDS);
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    ctx.lineWidth = 1.5;
    for (const m of this.markers) {
      if (m.seconds < start || m.seconds > end) continue;
      const x = Math.round(xOf(m.seconds)) + 0.5;
      const color = seriesColor(this.markerLabels.get(m.label) ?? 0);
      ctx.strokeStyle = color;
      ctx.beginPath();
      ctx.moveTo(x, MARGIN.top - 3);
      ctx.lineTo(x, plotBottom);
      ctx.stroke();
      ctx.fillStyle = color;
      ctx.fillText(m.label, x + 3, 2);
    }
    this.draws++;
    this.canvas.dataset.endSeconds = end.toFixed(3);
    this.canvas.dataset.samples = String(this.samplesReceived);
    this.canvas.dataset.draws = String(this.draws);
  }

  /** Updates the texts for people who cannot see the canvas, and the scale in the subtitle. */
  describe() {
    const bad = [...this.badChannels].sort((a, b) => a - b).map((c) => this.labels[c] ?? `ch${c + 1}`);
    this.badList.hidden = bad.length === 0;
    this.badList.textContent = bad.length === 0 ? '' : `Bad channels (greyed): ${bad.join(', ')}`;
    const ranges = [...this.scaling.halfRange].filter((r) => r > 0).sort((a, b) => a - b);
    const median = ranges.length === 0 ? NaN : ranges[ranges.length >> 1] / this.gain;
    const scale = Number.isFinite(median) ? ` · half a lane ≈ ${Number(median.toPrecision(2))} µV (median)` : '';
    this.sub.textContent = `${this.baseSubtitle} · ${this.view}${scale}`;
    this.canvas.setAttribute('aria-label', `EEG traces of ${streamTitle(this.stream)}: `
      + `${this.scaling.halfRange.length} channels, ${this.view} signal, the ${WINDOW_SECONDS} s up to `
      + `${this.displayEnd.toFixed(1)} s; ${bad.length} bad channels`);
  }
}

function formatRate(rateHz) {
  return rateHz > 0 ? `${Number(rateHz.toPrecision(4))} Hz` : 'irregular rate';
}

function formatGain(gain) {
  return gain >= 1 ? String(Number(gain.toPrecision(3))) : gain.toPrecision(2);
}

function formatSeconds(seconds, step) {
  return step >= 1 ? seconds.toFixed(0) : seconds.toFixed(Math.ceil(-Math.log10(step)));
}
