// Drawing helpers shared by the panels: theme colours from CSS, HiDPI canvas sizing, a sequential colour map and a
// small line chart with axes.

const SERIES_VARIABLES = ['--series-1', '--series-2', '--series-3', '--series-4', '--series-5', '--series-6'];

let cachedTheme = null;

/** The colours of the current theme (CSS custom properties of :root), read once per colour-scheme change. */
export function theme() {
  if (cachedTheme === null) {
    const style = getComputedStyle(document.documentElement);
    const read = (name) => style.getPropertyValue(name).trim();
    cachedTheme = {
      panel: read('--panel'), text: read('--text'), muted: read('--muted'), grid: read('--grid'),
      trace: read('--trace'), traceBad: read('--trace-bad'), laneBad: read('--lane-bad'), marker: read('--marker'),
      accent: read('--accent'), good: read('--good'), warn: read('--warn'), bad: read('--bad'),
      series: SERIES_VARIABLES.map(read),
      font: read('--font'), mono: read('--mono'),
    };
  }
  return cachedTheme;
}

/** Forgets the cached theme when the colour scheme changes; `onChange` then redraws. */
export function watchTheme(onChange) {
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    cachedTheme = null;
    onChange();
  });
}

/** The colour of series number `index` (cycles through six). */
export function seriesColor(index) {
  const s = theme().series;
  return s[index % s.length];
}

/**
 * Sizes a canvas's backing store to its CSS size times the device pixel ratio, and returns a context whose units are
 * CSS pixels. Returns null while the canvas has no layout size (hidden).
 */
export function fitCanvas(canvas, cssHeight) {
  const cssWidth = canvas.clientWidth;
  if (cssWidth === 0) {
    return null;
  }
  const styleHeight = `${cssHeight}px`;
  if (canvas.style.height !== styleHeight) canvas.style.height = styleHeight;
  const ratio = window.devicePixelRatio || 1;
  const width = Math.round(cssWidth * ratio);
  const height = Math.round(cssHeight * ratio);
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return { ctx, width: cssWidth, height: cssHeight };
}

// Viridis (matplotlib), sampled at nine points: perceptually uniform and readable with colour-vision deficiencies.
const VIRIDIS = [
  [68, 1, 84], [71, 44, 122], [59, 81, 139], [44, 113, 142], [33, 144, 141],
  [39, 173, 129], [92, 200, 99], [170, 220, 50], [253, 231, 37],
];

/** 256 RGB entries of the viridis colour map, as a flat Uint8Array (r, g, b, r, g, b, ...). */
export const COLOR_MAP = (() => {
  const lut = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const pos = (i / 255) * (VIRIDIS.length - 1);
    const k = Math.min(Math.floor(pos), VIRIDIS.length - 2);
    const f = pos - k;
    for (let c = 0; c < 3; c++) {
      lut[i * 3 + c] = Math.round(VIRIDIS[k][c] * (1 - f) + VIRIDIS[k + 1][c] * f);
    }
  }
  return lut;
})();

/** CSS colour of the colour map at `fraction` in [0, 1]. */
export function colorAt(fraction) {
  const i = Math.max(0, Math.min(255, Math.round(fraction * 255))) * 3;
  return `rgb(${COLOR_MAP[i]}, ${COLOR_MAP[i + 1]}, ${COLOR_MAP[i + 2]})`;
}

/** Round tick spacing (1, 2 or 5 times a power of ten) giving about `count` ticks over `span`. */
export function niceStep(span, count) {
  if (!(span > 0)) {
    return 1;
  }
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * power;
}

/** Formats a number with about three significant digits and an SI suffix (k, M, G) above a thousand. */
export function formatSi(value) {
  const a = Math.abs(value);
  const [scaled, suffix] = a >= 1e9 ? [value / 1e9, 'G'] : a >= 1e6 ? [value / 1e6, 'M']
    : a >= 1e3 ? [value / 1e3, 'k'] : [value, ''];
  if (Number.isInteger(scaled)) return `${scaled}${suffix}`;
  const s = Math.abs(scaled) >= 100 ? scaled.toFixed(0) : Math.abs(scaled) >= 10 ? scaled.toFixed(1)
    : scaled.toFixed(2);
  return s + suffix;
}

/**
 * Draws a line chart with axes into a fitted canvas.
 *
 * @param {{ctx, width, height}} area from fitCanvas
 * @param {object} spec series: [{name, color, points: [[x, y], ...]}]; xLabel; yMin/yMax (else from the data);
 *   xFormat, yFormat (tick label functions, default formatSi); xIntegers (ticks on whole numbers only);
 *   references: [{y, label}] as dashed horizontal lines
 */
export function drawLineChart(area, spec) {
  const { ctx, width, height } = area;
  const t = theme();
  const left = 44;
  const right = 8;
  const top = 8;
  const bottom = 30;
  ctx.clearRect(0, 0, width, height);
  ctx.font = `11px ${t.font}`;

  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = spec.yMin ?? Infinity;
  let yMax = spec.yMax ?? -Infinity;
  for (const s of spec.series) {
    for (const [x, y] of s.points) {
      xMin = Math.min(xMin, x);
      xMax = Math.max(xMax, x);
      if (spec.yMin === undefined) yMin = Math.min(yMin, y);
      if (spec.yMax === undefined) yMax = Math.max(yMax, y);
    }
  }
  if (!Number.isFinite(xMin)) {
    xMin = 0;
    xMax = 1;
  }
  if (xMax === xMin) xMax = xMin + 1;
  if (!Number.isFinite(yMin) || !Number.isFinite(yMax)) {
    yMin = 0;
    yMax = 1;
  }
  if (yMax === yMin) {
    yMax = yMin + 1;
  }
  const plotW = Math.max(1, width - left - right);
  const plotH = Math.max(1, height - top - bottom);
  const px = (x) => left + ((x - xMin) / (xMax - xMin)) * plotW;
  const py = (y) => top + (1 - (y - yMin) / (yMax - yMin)) * plotH;
  const yFormat = spec.yFormat ?? formatSi;
  const xFormat = spec.xFormat ?? formatSi;

  ctx.strokeStyle = t.grid;
  ctx.fillStyle = t.muted;
  ctx.lineWidth = 1;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  const yStep = niceStep(yMax - yMin, 4);
  for (let k = Math.ceil(yMin / yStep); k * yStep <= yMax + yStep * 1e-9; k++) {
    const y = k * yStep;
    const yy = Math.round(py(y)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(left, yy);
    ctx.lineTo(left + plotW, yy);
    ctx.stroke();
    ctx.fillText(yFormat(y), left - 4, yy);
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const xStep = Math.max(spec.xIntegers ? 1 : 0, niceStep(xMax - xMin, 6));
  for (let k = Math.ceil(xMin / xStep); k * xStep <= xMax + xStep * 1e-9; k++) {
    const x = k * xStep;
    const xx = Math.round(px(x)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(xx, top + plotH);
    ctx.lineTo(xx, top + plotH + 4);
    ctx.stroke();
    const label = xFormat(x);
    const half = ctx.measureText(label).width / 2;
    ctx.fillText(label, Math.min(width - half - 1, Math.max(half + 1, xx)), top + plotH + 5);
  }
  if (spec.xLabel) {
    ctx.fillText(spec.xLabel, left + plotW / 2, top + plotH + 17);
  }
  ctx.strokeStyle = t.muted;
  ctx.beginPath();
  ctx.moveTo(left + 0.5, top);
  ctx.lineTo(left + 0.5, top + plotH + 0.5);
  ctx.lineTo(left + plotW, top + plotH + 0.5);
  ctx.stroke();

  for (const ref of spec.references ?? []) {
    const yy = Math.round(py(ref.y)) + 0.5;
    ctx.save();
    ctx.setLineDash([4, 4]);
    ctx.strokeStyle = t.muted;
    ctx.beginPath();
    ctx.moveTo(left, yy);
    ctx.lineTo(left + plotW, yy);
    ctx.stroke();
    ctx.restore();
    ctx.textAlign = 'right';
    ctx.textBaseline = 'bottom';
    ctx.fillText(ref.label, left + plotW - 2, yy - 1);
  }

  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top - 1, plotW, plotH + 2);
  ctx.clip();
  ctx.lineWidth = 1.6;
  ctx.lineJoin = 'round';
  for (const s of spec.series) {
    if (s.points.length === 0) continue;
    ctx.strokeStyle = s.color;
    ctx.fillStyle = s.color;
    ctx.beginPath();
    s.points.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(px(x), py(y)) : ctx.lineTo(px(x), py(y))));
    ctx.stroke();
    if (s.points.length === 1 || s.dots) {
      for (const [x, y] of s.points) {
        ctx.beginPath();
        ctx.arc(px(x), py(y), 2.2, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
  }
  ctx.restore();
}

/** A legend list (name with a colour swatch per series) for a chart, replacing the children of `list`. */
export function renderLegend(list, entries) {
  list.replaceChildren(...entries.map(({ name, color }) => {
    const li = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = color;
    li.append(swatch, name);
    return li;
  }));
}
