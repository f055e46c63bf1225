// Drives headless Chromium (Debian's, through playwright-core) against a running neurostream dashboard and checks
// that the page works: it loads, EEG traces move, the scalp map, predictions and stream health update, every
// picture and control has an accessible name, and the browser reports no console error, page error, failed request
// or HTTP error. Writes a screenshot.
//
//   node dashboard-check.mjs --url http://127.0.0.1:8090/ --screenshot out.png [--chromium /usr/bin/chromium]
//       [--server-wait-ms 90000] [--timeout-ms 40000] [--min-trials 8]
//
// Chromium starts first; the page is opened as soon as the server answers /api/info (so that the check can start
// before the job does), and the checks then have --timeout-ms.
//
// Prints one JSON object on stdout: {ok, failures: [...], consoleErrors, failedRequests, httpErrors, observations}.
// Exit status 0 when ok, 1 when a check failed, 2 when the check itself could not run.

import { chromium } from 'playwright-core';

function options(argv) {
  const o = { chromium: '/usr/bin/chromium', serverWaitMs: 90000, timeoutMs: 40000, minTrials: 8 };
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`Option ${name} needs a value.`);
    if (name === '--url') o.url = value;
    else if (name === '--screenshot') o.screenshot = value;
    else if (name === '--chromium') o.chromium = value;
    else if (name === '--server-wait-ms') o.serverWaitMs = Number(value);
    else if (name === '--timeout-ms') o.timeoutMs = Number(value);
    else if (name === '--min-trials') o.minTrials = Number(value);
    else {
      throw new Error(`Unknown option ${name}; known: --url, --screenshot, --chromium, --server-wait-ms, `
        + '--timeout-ms, --min-trials.');
    }
  }
  if (!o.url || !o.screenshot) throw new Error('--url and --screenshot are required.');
  return o;
}

/** State of every trace canvas: end time drawn, samples received and a hash of its pixels. */
function traceState() {
  const hash = (text) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h.toString(16);
  };
  return [...document.querySelectorAll('.panel-traces canvas')].map((c) => ({
    id: c.closest('section').id,
    endSeconds: Number(c.dataset.endSeconds),
    samples: Number(c.dataset.samples),
    pixels: hash(c.toDataURL()),
  }));
}

/** State of the predictions panel: trials, the probability texts, the accuracy and the decisions listed. */
function predictionState() {
  const section = document.getElementById('predictions');
  if (section === null) return null;
  return {
    trials: Number(section.dataset.trials),
    probabilities: [...section.querySelectorAll('.prob-row')].map((r) => ({
      cls: r.querySelector('.cls').textContent,
      percent: Number.parseFloat(r.querySelector('.pct').textContent),
      predicted: r.classList.contains('predicted'),
    })),
    accuracy: section.querySelector('.scores dd').textContent,
    decisions: [...section.querySelectorAll('.decisions tbody tr')].map((tr) =>
      [...tr.children].map((td) => td.textContent)),
  };
}

/** Elements that assistive technology could not name: canvases, images, controls, panels. */
function accessibilityProblems() {
  const problems = [];
  if (!document.documentElement.lang) problems.push('<html> has no lang');
  for (const c of document.querySelectorAll('canvas')) {
    if (c.getAttribute('role') !== 'img' || !c.getAttribute('aria-label')) {
      problems.push(`a canvas in #${c.closest('section')?.id} has no role="img" with an aria-label`);
    }
  }
  for (const i of document.querySelectorAll('img')) if (!i.alt) problems.push(`an image has no alt: ${i.src}`);
  for (const b of document.querySelectorAll('button')) {
    if (!b.textContent.trim() && !b.getAttribute('aria-label')) problems.push('a button has no name');
  }
  for (const i of document.querySelectorAll('input')) {
    if (i.labels.length === 0 && !i.getAttribute('aria-label')) problems.push(`input #${i.id} has no label`);
  }
  for (const s of document.querySelectorAll('section')) {
    const heading = document.getElementById(s.getAttribute('aria-labelledby'));
    if (!heading?.textContent.trim()) problems.push(`section #${s.id} has no heading naming it`);
  }
  return problems;
}

/** True when the server answers /api/info with 200. */
async function answers(url) {
  try {
    return (await fetch(new URL('api/info', url), { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

/** Waits until the server answers /api/info with 200 (Node's fetch: the browser has not seen anything yet). */
async function awaitServer(url, waitMs) {
  const deadline = Date.now() + waitMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(new URL('api/info', url), { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error.cause?.code ?? error.message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the dashboard did not answer at ${url} within ${waitMs} ms (${last})`);
}

async function run(o) {
  const failures = [];
  const consoleErrors = [];
  const failedRequests = [];
  const httpErrors = [];
  const observations = {};
  const check = (condition, message) => {
    if (!condition) failures.push(message);
    return condition;
  };
  let deadline = Infinity;
  const remaining = () => Math.max(1000, deadline - Date.now());

  const browser = await chromium.launch({
    executablePath: o.chromium,
    headless: true,
    // Runs as root in CI containers, where Chromium's sandbox is not available.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  let listening = true;
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    page.on('console', (m) => {
      if (listening && m.type() === 'error') consoleErrors.push(`${m.text()} (${m.location().url}:${m.location().lineNumber})`);
    });
    page.on('pageerror', (e) => { if (listening) consoleErrors.push(`uncaught: ${e.message}`); });
    page.on('requestfailed', (r) => {
      if (listening) failedRequests.push(`${r.method()} ${r.url()}: ${r.failure()?.errorText}`);
    });
    page.on('response', (r) => { if (listening && r.status() >= 400) httpErrors.push(`${r.status()} ${r.url()}`); });

    await awaitServer(o.url, o.serverWaitMs);
    deadline = Date.now() + o.timeoutMs;
    const response = await page.goto(o.url, { waitUntil: 'load', timeout: remaining() });
    check(response !== null && response.ok(), `GET ${o.url} answered ${response?.status()}`);
    await page.waitForSelector('#panels[data-ready=true]', { timeout: Math.min(10000, remaining()) });
    observations.title = await page.title();

    // Traces: samples arrive and the picture moves on.
    await page.waitForFunction(() => [...document.querySelectorAll('.panel-traces canvas')]
      .some((c) => Number(c.dataset.samples) > 0 && c.dataset.endSeconds !== ''), null, { timeout: remaining() });
    const before = await page.evaluate(traceState);
    const framesBefore = await page.evaluate(() => new Promise((resolve) => {
      let n = 0;
      const start = performance.now();
      const count = (now) => (now - start < 1000 ? (n++, requestAnimationFrame(count)) : resolve(n));
      requestAnimationFrame(count);
    }));
    observations.animationFramesPerSecond = framesBefore;
    await page.waitForTimeout(1000);
    const after = await page.evaluate(traceState);
    observations.traces = { before, after };
    check(before.length > 0, 'no trace panel on the page');
    // Streams that ended (the first recording of a sequential run) stand still; the live ones must move.
    const moving = after.filter((a) => a.samples > (before.find((b) => b.id === a.id)?.samples ?? 0));
    check(moving.length > 0, `no trace panel received samples in 2 s: ${JSON.stringify({ before, after })}`);
    for (const a of moving) {
      const b = before.find((x) => x.id === a.id);
      if (b.samples === 0) continue;
      check(a.endSeconds > b.endSeconds, `${a.id}: the time axis did not move (${b.endSeconds} then ${a.endSeconds})`);
      check(a.pixels !== b.pixels, `${a.id}: the canvas did not change in 2 s`);
    }

    // Scalp maps (present when channel positions are known) update.
    const maps = await page.$$eval('[id^=scalp-] canvas', (cs) => cs.length);
    observations.scalpMaps = maps;
    if (maps > 0) {
      await page.waitForFunction(() => [...document.querySelectorAll('[id^=scalp-] canvas')]
        .some((c) => Number(c.dataset.updates) > 0), null, { timeout: remaining() })
        .catch(() => failures.push('no scalp map got band power'));
    }

    // Predictions: probabilities and decisions update from one trial to the next.
    await page.waitForFunction(() => Number(document.getElementById('predictions')?.dataset.trials) >= 1,
      null, { timeout: remaining() });
    const first = await page.evaluate(predictionState);
    await page.waitForFunction((n) => Number(document.getElementById('predictions').dataset.trials) > n,
      first.trials, { timeout: remaining() });
    const second = await page.evaluate(predictionState);
    observations.predictions = { first, second };
    for (const state of [first, second]) {
      const shown = state.probabilities.filter((p) => Number.isFinite(p.percent));
      const sum = shown.reduce((s, p) => s + p.percent, 0);
      check(shown.length > 0, `no class probability shown: ${JSON.stringify(state.probabilities)}`);
      check(Math.abs(sum - 100) <= state.probabilities.length,
        `probabilities shown add up to ${sum} %, not 100 %: ${JSON.stringify(state.probabilities)}`);
      check(state.probabilities.filter((p) => p.predicted).length === 1,
        `not exactly one class marked predicted: ${JSON.stringify(state.probabilities)}`);
      check(/%$/.test(state.accuracy), `accuracy shows '${state.accuracy}'`);
      check(state.decisions.length === Math.min(state.trials, 10),
        `${state.decisions.length} decisions listed after ${state.trials} trials`);
    }
    check(JSON.stringify(second.decisions[0]) !== JSON.stringify(first.decisions[0]),
      `the newest decision listed did not change: ${JSON.stringify(first.decisions[0])}`);

    // Stream health reports arrive and are marked.
    await page.waitForFunction(() => Number(document.getElementById('health')?.dataset.reports) >= 1, null,
      { timeout: remaining() }).catch(() => failures.push('no stream health report arrived'));
    observations.health = await page.$$eval('#health tbody tr', (rows) => rows.map((r) => r.textContent));
    check(observations.health.length > 0, 'the health table lists no stream');
    const endedBad = await page.$$eval('#health tbody tr[data-ended=true]',
      (rows) => rows.filter((r) => r.querySelector('.status-bad') !== null).map((r) => r.textContent));
    check(endedBad.length === 0, `streams that ended are marked bad: ${JSON.stringify(endedBad)}`);

    // Every panel, picture and control has a name for assistive technology.
    const unnamed = await page.evaluate(accessibilityProblems);
    observations.accessibilityProblems = unnamed;
    check(unnamed.length === 0, `accessibility: ${unnamed.join('; ')}`);

    // A screenshot with a few trials on the learning curve.
    await page.waitForFunction((n) => Number(document.getElementById('predictions').dataset.trials) >= n,
      o.minTrials, { timeout: Math.min(15000, Math.max(1000, remaining() - 3000)) }).catch(() => {});
    observations.trialsAtScreenshot = (await page.evaluate(predictionState)).trials;
    await page.screenshot({ path: o.screenshot, fullPage: true });
    const counters = await page.$eval('#panels', (m) => ({ ...m.dataset }));
    observations.eventsReceived = Number(counters.events);
    observations.drawMsPerFrame = { mean: Number(counters.meanDrawMs), max: Number(counters.maxDrawMs) };
  } catch (error) {
    failures.push(`${error.name}: ${error.message.split('\n')[0]}`);
  } finally {
    listening = false;
    await browser.close();
  }
  // The job may end while the browser is still open: its server goes away and the event stream breaks. That, and
  // only that, is not the page's fault: errors about /events once the server no longer answers are set apart.
  if (consoleErrors.length + failedRequests.length > 0 && !(await answers(o.url))) {
    const aboutEvents = (text) => text.includes('/events');
    observations.afterJobEnd = [...consoleErrors, ...failedRequests].filter(aboutEvents);
    consoleErrors.splice(0, Infinity, ...consoleErrors.filter((e) => !aboutEvents(e)));
    failedRequests.splice(0, Infinity, ...failedRequests.filter((e) => !aboutEvents(e)));
  }
  check(consoleErrors.length === 0, `${consoleErrors.length} console errors: ${consoleErrors.join(' | ')}`);
  check(failedRequests.length === 0, `${failedRequests.length} failed requests: ${failedRequests.join(' | ')}`);
  check(httpErrors.length === 0, `${httpErrors.length} HTTP errors: ${httpErrors.join(' | ')}`);
  return { ok: failures.length === 0, failures, consoleErrors, failedRequests, httpErrors, observations };
}

try {
  const result = await run(options(process.argv.slice(2)));
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exitCode = result.ok ? 0 : 1;
} catch (error) {
  process.stdout.write(`${JSON.stringify({ ok: false, failures: [`the check could not run: ${error.message}`] })}\n`);
  process.exitCode = 2;
}
