// The neurostream dashboard: reads the job's streams from /api/info, builds a panel for each kind of data the job
// has, feeds the panels from the server-sent events of /events and draws them once per animation frame.
// Read-only: the page never sends anything but GET requests.

import { el, setStatus, streamParts } from './dom.js';
import { watchTheme } from './charts.js';
import { TracePanel, WINDOW_SECONDS } from './traces.js';
import { createScalpMap } from './scalpmap.js';
import { PredictionPanel } from './predictions.js';
import { VideoPanel } from './video.js';
import { HealthPanel } from './health.js';

const token = new URLSearchParams(location.search).get('token');

/** `url` with the page's access token (from its own ?token=) appended, when it has one. */
export function withToken(url) {
  if (token === null) return url;
  return `${url}${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
}

const main = document.getElementById('panels');
const connection = document.getElementById('connection');
const notice = document.getElementById('notice');
const columns = { main: el('div', { className: 'col col-main' }), side: el('div', { className: 'col col-side' }) };

const traces = new Map(); // stream key -> TracePanel
const scalpMaps = new Map(); // stream key -> scalp map panel
const videos = new Map(); // stream key -> VideoPanel
const streamsByKey = new Map();
let predictions = null;
let health = null;
let classes = [];
let headRadius = 1;
let eventsReceived = 0;

function place(column, section, order) {
  section.style.order = String(order);
  columns[column].append(section);
}

function addEegStream(stream) {
  const panel = new TracePanel(stream);
  traces.set(stream.key, panel);
  place('main', panel.section, 1);
  const map = createScalpMap(stream, headRadius);
  if (map !== null) {
    scalpMaps.set(stream.key, map);
    place('side', map.section, 2);
  }
  return panel;
}

function addVideoStream(stream) {
  const panel = new VideoPanel(stream, withToken);
  videos.set(stream.key, panel);
  place('main', panel.section, 2);
  return panel;
}

/** A stream the info did not list (it appeared later): described from its first event. */
function lateStream(key, kind, extra = {}) {
  const stream = { key, name: key, type: '', kind, channelCount: 0, nominalRateHz: 0, channels: [], ...extra };
  streamsByKey.set(key, stream);
  return stream;
}

function predictionPanel() {
  if (predictions === null) {
    predictions = new PredictionPanel(classes);
    place('side', predictions.section, 1);
  }
  return predictions;
}

function healthPanel() {
  if (health === null) {
    health = new HealthPanel((key) => (streamsByKey.has(key) ? streamParts(streamsByKey.get(key))
      : { name: key, source: '' }));
    place('side', health.section, 3);
  }
  return health;
}

/**
 * Adds panels for the streams and classes of a job description not seen before (LSL streams appear later), and a
 * scalp map for a stream first shown without positions once its description (channel labels) arrives.
 */
function describeJob(info) {
  classes = info.classes ?? classes;
  headRadius = info.headRadius > 0 ? info.headRadius : headRadius;
  for (const stream of info.streams ?? []) {
    if (streamsByKey.has(stream.key)) {
      if (stream.kind === 'eeg' && traces.has(stream.key) && !scalpMaps.has(stream.key)) {
        streamsByKey.set(stream.key, stream);
        const map = createScalpMap(stream, headRadius);
        if (map !== null) {
          scalpMaps.set(stream.key, map);
          place('side', map.section, 2);
        }
      }
      continue;
    }
    streamsByKey.set(stream.key, stream);
    if (stream.kind === 'eeg') addEegStream(stream);
    else if (stream.kind === 'video') addVideoStream(stream);
  }
  if (classes.length > 0) predictionPanel();
}

const handlers = {
  info(e) {
    describeJob(e);
  },
  signal(e) {
    const panel = traces.get(e.stream) ?? addEegStream(lateStream(e.stream, 'eeg',
      { channelCount: e.values.length, nominalRateHz: e.rateHz }));
    panel.onSignal(e);
    scalpMaps.get(e.stream)?.setBadChannels(e.badChannels ?? []);
  },
  marker(e) {
    for (const panel of traces.values()) panel.onMarker(e);
  },
  bandpower(e) {
    scalpMaps.get(e.stream)?.onBandpower(e);
  },
  prediction(e) {
    predictionPanel().onPrediction(e);
  },
  frame(e) {
    (videos.get(e.stream) ?? addVideoStream(lateStream(e.stream, 'video'))).onFrame(e);
  },
  sparsity(e) {
    (videos.get(e.stream) ?? addVideoStream(lateStream(e.stream, 'video'))).onSparsity(e);
  },
  health(e) {
    healthPanel().onHealth(e);
  },
};

function connect() {
  const source = new EventSource(withToken('/events'));
  source.addEventListener('open', () => setStatus(connection, 'good', 'live'));
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) {
      setStatus(connection, 'bad', 'disconnected: the job has ended or the server is gone');
    } else {
      setStatus(connection, 'warn', 'reconnecting…');
    }
  });
  for (const [type, handle] of Object.entries(handlers)) {
    source.addEventListener(type, (message) => {
      eventsReceived++;
      let event;
      try {
        event = JSON.parse(message.data);
      } catch (error) {
        console.error(`Malformed '${type}' event from the server: ${error.message}`, message.data);
        return;
      }
      handle(event);
    });
  }
}

// Drawing time per animation frame over the last second, exposed for the browser test and for anyone checking that
// drawing keeps well within a frame.
const drawTime = { frames: 0, totalMs: 0, maxMs: 0, since: 0 };

function frame(nowMs) {
  const started = performance.now();
  for (const panels of [traces, scalpMaps]) {
    const live = [...panels.values()].filter((p) => p.fold.live(nowMs)).length;
    for (const panel of panels.values()) panel.draw(nowMs, live > (panel.fold.live(nowMs) ? 1 : 0));
  }
  for (const panel of videos.values()) panel.draw(nowMs);
  predictions?.draw(nowMs);
  health?.tick(nowMs);
  main.dataset.events = String(eventsReceived);
  const ms = performance.now() - started;
  drawTime.frames++;
  drawTime.totalMs += ms;
  drawTime.maxMs = Math.max(drawTime.maxMs, ms);
  if (nowMs - drawTime.since > 1000) {
    main.dataset.meanDrawMs = (drawTime.totalMs / drawTime.frames).toFixed(2);
    main.dataset.maxDrawMs = drawTime.maxMs.toFixed(1);
    Object.assign(drawTime, { frames: 0, totalMs: 0, maxMs: 0, since: nowMs });
  }
  requestAnimationFrame(frame);
}

function redrawAll() {
  for (const panel of [...traces.values(), ...scalpMaps.values(), ...videos.values()]) panel.invalidate();
  predictions?.invalidate();
}

async function start() {
  document.getElementById('window-seconds').textContent = String(WINDOW_SECONDS);
  let info;
  try {
    const response = await fetch(withToken('/api/info'), { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      throw new Error(response.status === 401 || response.status === 403
        ? 'access denied: open the dashboard with the address the job printed, including its ?token='
        : `the server answered ${response.status} ${response.statusText}`);
    }
    info = await response.json();
  } catch (error) {
    setStatus(connection, 'bad', 'not connected');
    notice.textContent = `Cannot read the job description (/api/info): ${error.message}`;
    notice.hidden = false;
    main.setAttribute('aria-busy', 'false');
    return;
  }
  document.getElementById('job-name').textContent = info.job ?? '';
  document.title = `${info.job ?? 'job'} · neurostream`;
  describeJob(info);
  main.append(columns.main, columns.side);
  main.setAttribute('aria-busy', 'false');
  main.dataset.ready = 'true';
  watchTheme(redrawAll);
  connect();
  requestAnimationFrame(frame);
}

start();
