// End-to-end test: kgb's graph as users see it in Neo4j Browser, in real
// headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core.
//
// Run by run.sh (which starts Neo4j with Browser, ingests examples/articles and
// builds the URL with `kgb browse`); run alone with:
//   KGB_E2E_URL="$(kgb browse --no-auth --uri bolt://127.0.0.1:7689 --browser-url http://127.0.0.1:7475/browser/ 'Helen Marsh')" \
//   KGB_E2E_HTTP=http://127.0.0.1:7475 node --test browser.e2e.mjs
//
// Environment:
//   KGB_E2E_URL        the `kgb browse --no-auth` URL (required)
//   KGB_E2E_HTTP       Neo4j's HTTP base URL, for the expected neighbourhood (required)
//   KGB_E2E_ENTITY     the entity browsed (default "Helen Marsh")
//   KGB_E2E_EXPECT     comma-separated captions that must be drawn (default "Helen Marsh,Tobias Weber")
//   KGB_E2E_STYLE      the .grass file Browser should have applied ("" = do not check colours)
//   KGB_E2E_ARTIFACTS  folder for the screenshot (default a temp folder); its path is printed
//   KGB_E2E_CHROMIUM   browser binary (default /usr/bin/chromium)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const env = (k, d) => (process.env[k] ?? '') !== '' ? process.env[k] : d;
const URL_ = env('KGB_E2E_URL');
const HTTP = env('KGB_E2E_HTTP');
const ENTITY = env('KGB_E2E_ENTITY', 'Helen Marsh');
const MUST = env('KGB_E2E_EXPECT', 'Helen Marsh,Tobias Weber').split(',').map((s) => s.trim()).filter(Boolean);
const STYLE = env('KGB_E2E_STYLE', '');
const ARTIFACTS = env('KGB_E2E_ARTIFACTS', fs.mkdtempSync(path.join(os.tmpdir(), 'kgb-e2e-artifacts-')));
const CHROMIUM = env('KGB_E2E_CHROMIUM', '/usr/bin/chromium');
const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

const log = (...a) => console.log('[e2e]', ...a);

// The neighbourhood as Neo4j itself reports it (HTTP API, parameters only):
// the entity and every entity one relationship away, by display name.
async function expectedCaptions() {
  const res = await fetch(`${HTTP}/db/neo4j/tx/commit`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({
      statements: [{
        statement: 'MATCH (e:Entity {name: $name}) OPTIONAL MATCH (e)--(n:Entity) ' +
          'RETURN e.name AS name, collect(DISTINCT n.name) AS neighbours',
        parameters: { name: ENTITY },
      }],
    }),
  });
  assert.equal(res.status, 200, `Neo4j HTTP API answered ${res.status}`);
  const body = await res.json();
  assert.deepEqual(body.errors, [], 'Neo4j HTTP API errors');
  const rows = body.results[0].data;
  assert.ok(rows.length > 0, `no entity named ${JSON.stringify(ENTITY)} in Neo4j: did the ingest run?`);
  const names = new Set([rows[0].row[0], ...rows[0].row[1]]);
  return names;
}

// Parses the colour of `node.<Label>` rules in a .grass style sheet.
function grassColours(text) {
  const out = new Map();
  for (const m of text.matchAll(/node\.([A-Za-z_][A-Za-z0-9_]*)\s*\{([^}]*)\}/g)) {
    const c = /(?:^|[;\s])color\s*:\s*(#[0-9a-fA-F]{3,8})/.exec(m[2]);
    if (c) out.set(m[1], c[1].toLowerCase());
  }
  return out;
}

// Browser shortens long captions to fit the circle ("European Comm…").
function captionShows(caption, name) {
  if (caption === name) return true;
  return caption.endsWith('…') && caption.length > 4 && name.startsWith(caption.slice(0, -1).trimEnd());
}

// Captions drawn in the graph view: each node's caption lines joined.
async function drawnNodes(frame) {
  return frame.locator('svg g.node').evaluateAll((nodes) =>
    nodes.map((g) => ({
      caption: Array.from(g.querySelectorAll('text.caption')).map((t) => t.textContent.trim()).join(' ').trim(),
      fill: (g.querySelector('circle.b-outline')?.getAttribute('fill') ?? '').toLowerCase(),
      transform: g.getAttribute('transform') ?? '',
    })));
}

test('Neo4j Browser draws the neighbourhood of an entity from kgb browse', { timeout: 240_000 }, async () => {
  assert.ok(URL_, 'KGB_E2E_URL is not set (run scripts/browser/e2e/run.sh)');
  assert.ok(HTTP, 'KGB_E2E_HTTP is not set (run scripts/browser/e2e/run.sh)');
  assert.ok(fs.existsSync(CHROMIUM), `${CHROMIUM} not found: apt-get install chromium`);

  const expected = await expectedCaptions();
  log(`expected captions (from Neo4j): ${[...expected].sort().join(', ')}`);
  for (const name of MUST) {
    assert.ok(expected.has(name), `the data lacks ${JSON.stringify(name)} around ${ENTITY}: the ingest is wrong`);
  }

  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kgb-e2e-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 860 },
    deviceScaleFactor: 1,
  });
  const t0 = Date.now();
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    page.setDefaultTimeout(60_000);
    page.on('pageerror', (e) => log('page error:', e.message));

    await page.goto(URL_, { waitUntil: 'domcontentloaded', timeout: 90_000 });

    // Connect. With preselectAuthMethod=NO_AUTH (kgb browse --no-auth) Browser
    // connects to connectURL by itself; if it shows its connect form instead,
    // the form must hold connectURL and "No authentication", and one click is enough.
    const connected = page.locator('[data-testid="navigationDBMS"] i.check');
    const connectButton = page.locator('[data-testid="connect"]');
    await connected.or(connectButton).first().waitFor({ state: 'visible', timeout: 90_000 });
    if (!(await connected.isVisible())) {
      log('connect form shown: connecting by hand');
      assert.match(await page.locator('[data-testid="boltaddress"]').inputValue(), /127\.0\.0\.1:\d+/,
        'connectURL did not reach the connect form');
      assert.equal(await page.locator('[data-testid="authenticationMethod"]').inputValue(), 'NO_AUTH',
        'preselectAuthMethod=NO_AUTH did not reach the connect form');
      await connectButton.click();
    }
    // The sidebar's database icon turns to a check once the Bolt session is up.
    await connected.waitFor({ state: 'visible', timeout: 90_000 });
    log(`connected after ${Date.now() - t0} ms`);

    // The style sheet: applied on connect by browser.post_connect_cmd.
    let colours = new Map();
    if (STYLE) {
      colours = grassColours(fs.readFileSync(STYLE, 'utf8'));
      assert.ok(colours.size > 0, `no node.<Label> {color: ...} rules in ${STYLE}`);
      await page.locator('[data-testid="frameCommand"]', { hasText: ':style' }).first()
        .waitFor({ state: 'visible', timeout: 60_000 });
    }

    // The editor holds the query from cmd=edit&arg=...: run it.
    const editor = page.locator('[data-testid="activeEditor"]');
    await assert.doesNotReject(
      editor.filter({ hasText: 'MATCH' }).waitFor({ state: 'visible', timeout: 30_000 }),
      'the editor was not pre-filled with the query from the URL');
    const frame = page.locator('[data-testid="frame"]').filter({
      has: page.locator('[data-testid="frameCommand"]', { hasText: 'MATCH (e:Entity)' }),
    }).first();
    // Right after connecting, Browser is still busy (post-connect commands,
    // metadata) and can drop a click on Run: click again while the query is
    // still in the editor and no result frame has appeared.
    for (let attempt = 1; ; attempt++) {
      await page.locator('[data-testid="editor-Run"]').click();
      try {
        await frame.waitFor({ state: 'visible', timeout: 20_000 });
        break;
      } catch (e) {
        const stillThere = await editor.filter({ hasText: 'MATCH' }).count();
        if (attempt >= 3 || stillThere === 0) throw e;
        log(`no result frame ${20 * attempt} s after clicking Run: clicking again`);
      }
    }
    await frame.locator('svg g.node text.caption').first().waitFor({ state: 'visible', timeout: 90_000 });

    // Let the force layout settle (positions unchanged for 1 s, at most 20 s).
    let last = '';
    for (let i = 0; i < 40; i++) {
      const now = (await drawnNodes(frame)).map((n) => n.transform).join('|');
      if (now === last) break;
      last = now;
      await page.waitForTimeout(500);
    }

    const nodes = await drawnNodes(frame);
    const drawn = new Set(nodes.map((n) => n.caption));
    log(`drawn captions: ${[...drawn].sort().join(', ')}`);
    for (const name of expected) {
      assert.ok([...drawn].some((c) => captionShows(c, name)),
        `caption ${JSON.stringify(name)} is not drawn (drawn: ${[...drawn].join(', ')})`);
    }
    for (const c of drawn) {
      assert.ok([...expected].some((name) => captionShows(c, name)),
        `caption ${JSON.stringify(c)} is drawn but is not in the neighbourhood`);
    }
    assert.ok(nodes.length >= expected.size, `only ${nodes.length} nodes drawn for ${expected.size} names`);
    const rels = await frame.locator('svg g.relationship text').allTextContents();
    assert.ok(rels.length > 0, 'no relationship is drawn');
    log(`drawn relationship captions: ${[...new Set(rels.map((r) => r.trim()))].sort().join(', ')}`);

    if (STYLE) {
      // Every node whose label has a colour in the style sheet is drawn in it.
      const labelled = await expectedLabels();
      let checked = 0;
      for (const n of nodes) {
        const full = [...labelled.keys()].find((name) => captionShows(n.caption, name));
        const label = labelled.get(full);
        if (label && colours.has(label)) {
          assert.equal(n.fill, colours.get(label), `${n.caption} (:${label}) is not drawn in the style's colour`);
          checked++;
        }
      }
      assert.ok(checked > 0, 'no drawn node has a label coloured by the style sheet');
      log(`style: ${checked} node colour(s) match ${path.basename(STYLE)}`);
    } else {
      log('!! KGB_E2E_STYLE not set: node colours not checked');
    }

    // Screenshot of the result frame (and the whole page for debugging).
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const shot = path.join(ARTIFACTS, 'browser.png');
    await frame.screenshot({ path: shot, animations: 'disabled' });
    await page.screenshot({ path: path.join(ARTIFACTS, 'browser-page.png'), fullPage: false });
    log(`screenshot: ${shot} (${fs.statSync(shot).size} bytes), whole page: ${path.join(ARTIFACTS, 'browser-page.png')}`);
    log(`browser part took ${Date.now() - t0} ms`);
  } catch (e) {
    try {
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      const p = path.join(ARTIFACTS, 'failure.png');
      await ctx.pages()[0]?.screenshot({ path: p });
      log(`failure screenshot: ${p}`);
    } catch { /* the original error matters */ }
    throw e;
  } finally {
    await ctx.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});

// The type label (second label after Entity) of each entity in the
// neighbourhood, by name.
async function expectedLabels() {
  const res = await fetch(`${HTTP}/db/neo4j/tx/commit`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({
      statements: [{
        statement: 'MATCH (e:Entity {name: $name}) OPTIONAL MATCH (e)--(n:Entity) ' +
          'WITH collect(DISTINCT e) + collect(DISTINCT n) AS ns UNWIND ns AS x ' +
          'RETURN DISTINCT x.name, [l IN labels(x) WHERE l <> "Entity"][0]',
        parameters: { name: ENTITY },
      }],
    }),
  });
  const body = await res.json();
  assert.deepEqual(body.errors, [], 'Neo4j HTTP API errors');
  return new Map(body.results[0].data.map((d) => [d.row[0], d.row[1]]));
}
