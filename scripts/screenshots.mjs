#!/usr/bin/env node
// Regenerates the README pictures in docs/images/ from the real n8n editor, driving Debian's
// chromium (/usr/bin/chromium, or $CHROMIUM_PATH) headlessly through playwright-core; no test-tool
// browser download is involved. It also asserts what a user meets there (issue 12): the node
// panel finds the node by its aliases, disabled carrier services come last with their marker
// first, the typed mode reads "By ID", the Docs link opens the README, and the credential form
// shows its hints under the fields. A failed assertion fails the script.
//
//   npm start                 (in another terminal; or let this script start the demo itself)
//   node scripts/screenshots.mjs [--debug] [--only=<name>[,<name>...]]
//
// Uses the running demo found through its state.json (DEMO_STATE_FILE); when there is none it starts
// `node scripts/demo.mjs` itself and stops it afterwards. --debug also saves every intermediate
// page to .cache/screenshots-debug/ (git-ignored). --only takes just the named shots (and their
// assertions): node-panel, allocate, execution, credential, create-form.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CACHE, ROOT, log } from './lib/runtime.mjs';
import { DEMO_STATE_FILE, killGroup } from './lib/n8n.mjs';

const OUT = join(ROOT, 'docs', 'images');
const DEBUG_DIR = join(CACHE, 'screenshots-debug');
const DEBUG = process.argv.includes('--debug');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const NODE_NAME = 'Allocate With Royal Mail';
const ALLOCATE_WORKFLOW = 'sortedProExAlloc';
const CREATE_NODE_NAME = 'Create Consignment';
const ORDER_WORKFLOW = 'sortedProExOrderLbl';
const SHOTS = ['node-panel', 'allocate', 'execution', 'credential', 'create-form'];
const ONLY = process.argv
	.find((a) => a.startsWith('--only='))
	?.slice('--only='.length)
	.split(',')
	.filter(Boolean);
for (const name of ONLY ?? []) {
	if (!SHOTS.includes(name)) {
		throw new Error(`--only: unknown shot "${name}" (the shots: ${SHOTS.join(', ')})`);
	}
}
/** Whether this run takes the named shot. */
const wants = (name) => !ONLY || ONLY.includes(name);

let demo;
let browser;
let page;

/** An assertion about what the editor shows; the script fails on the first that does not hold. */
function expectShown(condition, what) {
	if (!condition) throw new Error(`The editor does not show what it should: ${what}`);
	log(`Checked: ${what}`);
}

function readState() {
	try {
		const state = JSON.parse(readFileSync(DEMO_STATE_FILE, 'utf8'));
		process.kill(state.pid, 0); // throws if that demo is gone
		return state;
	} catch {
		return undefined;
	}
}

async function ensureDemo() {
	const running = readState();
	if (running) {
		log(`Using the running demo at ${running.editorUrl}.`);
		return running;
	}
	log('No demo running; starting `node scripts/demo.mjs` (stopped again at the end)...');
	rmSync(DEMO_STATE_FILE, { force: true });
	demo = spawn(process.execPath, [join(ROOT, 'scripts', 'demo.mjs'), '--port=0'], {
		cwd: ROOT,
		stdio: ['ignore', 'ignore', 'inherit'],
		detached: true,
	});
	const started = Date.now();
	while (Date.now() - started < 30 * 60 * 1000) {
		if (demo.exitCode !== null) throw new Error(`the demo exited with code ${demo.exitCode}`);
		const state = readState();
		if (state) return state;
		await new Promise((r) => setTimeout(r, 1000));
	}
	throw new Error('the demo did not start');
}

async function shot(page, name, { clip } = {}) {
	const file = join(OUT, name);
	await page.screenshot({ path: file, ...(clip ? { clip } : {}) });
	log(`Saved docs/images/${name}`);
}

let debugCount = 0;
async function debug(page, label) {
	if (!DEBUG) return;
	mkdirSync(DEBUG_DIR, { recursive: true });
	await page.screenshot({
		path: join(DEBUG_DIR, `${String(++debugCount).padStart(2, '0')}-${label}.png`),
	});
}

/** Logs in with the owner the demo created. */
async function signIn(state) {
	await page.goto(`${state.editorUrl}/signin`);
	await page.locator('input[name="emailOrLdapLoginId"]').fill(state.login.email);
	await page.locator('input[name="password"]').fill(state.login.password);
	await page.locator('[data-test-id="form-submit-button"]').click();
	await page.waitForURL((u) => !u.pathname.includes('signin'));
}

async function main() {
	if (!existsSync(CHROMIUM))
		throw new Error(`${CHROMIUM} not found: apt-get install chromium, or set CHROMIUM_PATH`);
	const state = await ensureDemo();
	mkdirSync(OUT, { recursive: true });

	browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	const context = await browser.newContext({
		viewport: { width: 1440, height: 900 },
		deviceScaleFactor: 1,
		colorScheme: 'light',
	});
	page = await context.newPage();
	// Generous: on a loaded machine the editor takes its time to load and answer.
	page.setDefaultTimeout(90000);
	page.setDefaultNavigationTimeout(180000);

	await signIn(state);

	// Start from fresh consignments so the execution shows the example's first-run result.
	await fetch(`${state.simulatorUrl}/__sim/reset`, { method: 'POST' });

	const node = page.locator('[data-test-id="canvas-node"]').filter({ hasText: NODE_NAME });
	const ndv = page.locator('[data-test-id="ndv"]');
	if (wants('node-panel') || wants('allocate') || wants('execution')) {
		await page.goto(`${state.editorUrl}/workflow/${ALLOCATE_WORKFLOW}`);
		await node.waitFor();
		await page.waitForTimeout(1000);
		await debug(page, 'workflow');
	}

	if (wants('node-panel')) await nodePanelShots();
	if (wants('allocate')) await allocateShots(node, ndv);
	if (wants('execution')) await executionShot(node, ndv);
	if (wants('credential')) await credentialShot(state);
	if (wants('create-form')) await createFormShot(state);
}

/** (a) The node panel's search finds SortedPRO. */
async function nodePanelShots() {
	await page.locator('[data-test-id="node-creator-plus-button"]').click();
	const search = page
		.locator(
			'[data-test-id="node-creator-search-bar"] input, input[data-test-id="node-creator-search-bar"]',
		)
		.first();
	await search.waitFor();
	// The words a user searches for find the node (its codex aliases).
	for (const word of ['allocate', 'parcel', 'courier', 'despatch', 'tracking']) {
		await search.fill(word);
		const found = await page
			.locator('[data-test-id="item-iterator-item"]')
			.filter({ hasText: 'SortedPRO' })
			.first()
			.waitFor({ timeout: 5000 })
			.then(() => true)
			.catch(() => false);
		expectShown(found, `the node panel search finds SortedPRO for "${word}"`);
	}
	await search.fill('SortedPRO');
	const creatorItem = page
		.locator('[data-test-id="item-iterator-item"]')
		.filter({ hasText: 'SortedPRO' })
		.first();
	await creatorItem.waitFor();
	await page.waitForTimeout(800);
	await debug(page, 'node-creator');
	await shot(page, 'node-panel-search.png');
	// The actions of the node, one level down, are worth a picture of their own.
	await creatorItem.click();
	await page.locator('[data-test-id="node-creator-action-item"]').first().waitFor();
	await page.waitForTimeout(600);
	await shot(page, 'node-panel-actions.png');
	await page.keyboard.press('Escape');
	await page.keyboard.press('Escape');
	await page.waitForTimeout(500);
}

/** (b) The Allocate operation with the carrier-service picker open. */
async function allocateShots(node, ndv) {
	await node.dblclick();
	await ndv.waitFor();
	await page.waitForTimeout(800);
	await debug(page, 'ndv');
	const rlc = page
		.locator('[data-test-id="resource-locator"], [data-test-id="rlc-input-container"]')
		.first();
	await rlc.waitFor();
	await page.locator('[data-test-id="rlc-input"]').first().click();
	const item = page.locator('[data-test-id="rlc-item"]').first();
	await item.waitFor();
	// The list is complete once the last service (the disabled one) is in it.
	await page
		.locator('[data-test-id="rlc-item"]')
		.filter({ hasText: 'MPD_PFEXP24' })
		.waitFor()
		.catch(() => {});
	await page.waitForTimeout(800);
	const choices = (await page.locator('[data-test-id="rlc-item"]').allInnerTexts()).map((t) =>
		t.trim(),
	);
	expectShown(
		choices.length > 1 &&
			choices.at(-1).startsWith('[Disabled]') &&
			choices.slice(0, -1).every((t) => !t.includes('Disabled')),
		`the disabled carrier service comes last, its marker first (${JSON.stringify(choices)})`,
	);
	await debug(page, 'picker');
	await shot(page, 'allocate-carrier-service-picker.png');
	await page.keyboard.press('Escape');
	await page.waitForTimeout(300);
	// The modes as the editor names them: the README and the node's hints use these words.
	await page.locator('[data-test-id="rlc-mode-selector"]').first().click();
	await page.waitForTimeout(500);
	const modes = (
		await page.locator('.el-select-dropdown__item:visible, [role="option"]:visible').allInnerTexts()
	).map((t) => t.trim());
	expectShown(
		modes.includes('From list') && modes.includes('By ID'),
		`the carrier-service modes read "From list" and "By ID" (${JSON.stringify(modes)})`,
	);
	await page.keyboard.press('Escape');
	await page.waitForTimeout(300);
	const docs = await page
		.locator('[data-test-id="ndv"] a[href*="github.com/n8n-nodes-sortedpro"]')
		.count();
	expectShown(docs > 0, "the node's Docs link opens the README");
	await page
		.locator('[data-test-id="ndv-close-button"], [data-test-id="back-to-canvas"]')
		.first()
		.click({ timeout: 10000 })
		.catch(() => page.keyboard.press('Escape'));
	await ndv.waitFor({ state: 'hidden', timeout: 10000 }).catch(() => page.keyboard.press('Escape'));
	await page.waitForTimeout(500);
}

/** (c) An execution's output. */
async function executionShot(node, ndv) {
	await page.locator('[data-test-id="execute-workflow-button"]').click();
	await page
		.locator('[data-test-id="canvas-node-status-success"], .canvas-node-status-success')
		.first()
		.waitFor({ timeout: 60000 })
		.catch(() => {});
	await page.waitForTimeout(1500);
	await debug(page, 'executed');
	// Close the "Workflow executed successfully" toast, and give the output table room.
	await page
		.locator('.el-notification__closeBtn')
		.first()
		.click({ timeout: 3000 })
		.catch(() => {});
	await page.setViewportSize({ width: 1680, height: 1000 });
	await node.dblclick();
	await ndv.waitFor();
	await page.waitForTimeout(1000);
	// Drag the parameters panel to the left so the output table gets most of the width.
	const handle = page.locator('[data-test-id="panel-drag-button"]').first();
	const box = await handle.boundingBox().catch(() => null);
	if (box) {
		await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
		await page.mouse.down();
		await page.mouse.move(box.x + box.width / 2 - 380, box.y + box.height / 2, { steps: 12 });
		await page.mouse.up();
	}
	await page.waitForTimeout(800);
	await debug(page, 'output');
	await shot(page, 'execution-output.png');
	await page.setViewportSize({ width: 1440, height: 900 });
}

/** (d) The credential form, with the hints under its fields. */
async function credentialShot(state) {
	await page.goto(`${state.editorUrl}/home/credentials/${state.credential.id}`);
	const modal = page.locator('[data-test-id="editCredential-modal"]').first();
	await modal.waitFor();
	await page.waitForTimeout(1000);
	const form = await modal.innerText();
	expectShown(
		form.includes('Show API Key') && form.includes('only for this machine'),
		'the API key location and the https rule are hints under the credential fields',
	);
	await debug(page, 'credential');
	await shot(page, 'credential-form.png');
}

/**
 * (e) The Create Consignment form of the order-to-label example, its Destination and Packages
 * mapped from the pinned Shopify order that the input panel shows.
 */
async function createFormShot(state) {
	// A fresh browser context: the editor keeps the panel widths an earlier shot dragged, and the
	// input panel should have its default width here.
	const context = await browser.newContext({
		viewport: { width: 1600, height: 1900 },
		deviceScaleFactor: 1,
		colorScheme: 'light',
	});
	page = await context.newPage();
	page.setDefaultTimeout(90000);
	page.setDefaultNavigationTimeout(180000);
	await signIn(state);
	const ndv = page.locator('[data-test-id="ndv"]');
	await page.goto(`${state.editorUrl}/workflow/${ORDER_WORKFLOW}`);
	const node = page.locator('[data-test-id="canvas-node"]').filter({ hasText: CREATE_NODE_NAME });
	await node.waitFor();
	await page.waitForTimeout(1000);
	await node.dblclick();
	await ndv.waitFor();
	await page.waitForTimeout(1500);
	await debug(page, 'create-form-open');
	// Scroll the parameters so the Destination section starts at the top, Packages below it.
	const destination = ndv.getByText('Destination', { exact: true }).first();
	await destination.waitFor();
	await destination.evaluate((el) => el.scrollIntoView({ block: 'start' }));
	// No hovered field: its toolbar would cover a label.
	await page.mouse.move(1, 1);
	await page.waitForTimeout(800);
	const text = await ndv.innerText();
	expectShown(
		text.includes('Destination') && text.includes('Packages') && text.includes('shipping_address'),
		'the Create Consignment form shows Destination and Packages mapped from the Shopify order',
	);
	await debug(page, 'create-form');
	await shot(page, 'create-form-from-order.png');
}

for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, async () => {
		await browser?.close().catch(() => {});
		if (demo) killGroup(demo, 'SIGINT');
		process.exit(130);
	});
}

try {
	await main();
} catch (error) {
	log(`Screenshots failed: ${error.stack ?? error}`);
	if (page) {
		mkdirSync(DEBUG_DIR, { recursive: true });
		await page.screenshot({ path: join(DEBUG_DIR, 'failure.png') }).catch(() => {});
		const ids = await page
			.$$eval('[data-test-id]', (els) => [
				...new Set(els.filter((e) => e.offsetParent).map((e) => e.getAttribute('data-test-id'))),
			])
			.catch(() => []);
		log(`Saved ${join(DEBUG_DIR, 'failure.png')}; visible data-test-ids: ${ids.join(' ')}`);
	}
	process.exitCode = 1;
} finally {
	await browser?.close().catch(() => {});
	if (demo) {
		killGroup(demo, 'SIGINT');
		await new Promise((r) => (demo.exitCode !== null ? r() : demo.once('close', r)));
	}
}
