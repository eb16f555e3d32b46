/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- test tooling: runs in Node, never inside n8n */
/**
 * The browser check: a real n8n 2.41.1 started the way `npm start` starts it (our build copied into
 * an extensions folder, the owner created from the environment, a CCV credential for the sandbox, the
 * example workflows), and Debian's Chromium driven by playwright-core. Never a downloaded browser:
 * scripts/browser-setup.mjs installs the `chromium` package when /usr/bin/chromium is missing.
 *
 * What it records while a test works in the editor:
 *   - every console error and page error, with the step it happened in ("panel: <workflow> / <node>"
 *     while one of our nodes' panels is open);
 *   - every answer to a request for our nodes' files: output schemas (/schemas/CUSTOM.ccv...), icons.
 * Reuses scripts/lib/* (T2's) by import; starts its own n8n on free ports, in a temp folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

import { ensureBuild } from '../../scripts/lib/build.cjs';
import { loadExamples } from '../../scripts/lib/examples.cjs';
import type { ExampleWorkflow } from '../../scripts/lib/examples.cjs';
import { prepareExtension } from '../../scripts/lib/extension.cjs';
import { n8nEnv } from '../../scripts/lib/n8n-env.cjs';
import { login, startN8nServer } from '../../scripts/lib/n8n-server.cjs';
import type { N8nServer, RestClient } from '../../scripts/lib/n8n-server.cjs';
import { freePort, runProcess, stopAll } from '../../scripts/lib/processes.cjs';
import { N8N_BIN, ROOT, RUNTIME_MARKER } from '../../scripts/lib/runtime-paths.cjs';
import { startSandbox } from '../../sandbox';
import type { Sandbox } from '../../sandbox';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
export const OWNER = { email: 'ops@browser.test', password: 'Browser-check-1', firstName: 'Ops', lastName: 'Browser' };
export const CCV_NODE_TYPE = 'CUSTOM.ccv';
const KEEP = process.env.BROWSER_KEEP === '1';

export interface ConsoleProblem {
	step: string;
	text: string;
}

export interface OurResponse {
	step: string;
	url: string;
	status: number;
}

export interface Editor {
	sandbox: Sandbox;
	server: N8nServer;
	api: RestClient;
	page: Page;
	credential: { id: string; name: string };
	examples: ExampleWorkflow[];
	/** Console errors and page errors, each with the step it happened in. */
	consoleErrors: ConsoleProblem[];
	/** Answers to requests for our nodes' files (schemas, icons). */
	ourResponses: OurResponse[];
	/** The workflow open in the editor (openWorkflow sets it). */
	workflowId?: string;
	/** Names the step that what happens next belongs to. */
	step(name: string): void;
	close(): Promise<void>;
}

const log = (line: string) => console.log(`[browser] ${line}`);

async function ensureTools(): Promise<void> {
	if (!fs.existsSync(CHROMIUM)) {
		const setup = await runProcess(process.execPath, [path.join(ROOT, 'scripts', 'browser-setup.mjs')], {
			cwd: ROOT,
			name: 'browser setup',
			timeoutMs: 10 * 60_000,
			onLine: (line) => console.log(line),
		});
		if (setup.code !== 0) throw new Error(`no Chromium at ${CHROMIUM}:\n${setup.output}`);
	}
	if (!(fs.existsSync(RUNTIME_MARKER) && fs.existsSync(N8N_BIN))) {
		const runtime = await runProcess(process.execPath, [path.join(ROOT, 'scripts', 'n8n-runtime.mjs')], {
			cwd: ROOT,
			name: 'n8n runtime install',
			timeoutMs: 20 * 60_000,
			onLine: (line) => console.log(line),
		});
		if (runtime.code !== 0) throw new Error(`installing n8n failed:\n${runtime.output}`);
	}
	await ensureBuild({ log });
}

/** Our nodes' files: the URL names our node types or our package. */
export function isOurUrl(url: string): boolean {
	return /\/schemas\/CUSTOM\.ccv|CUSTOM\.ccv|n8n-nodes-ccv/i.test(url);
}

/**
 * A console error is ours when it names our nodes, or when it happened while one of our nodes' panels
 * was open (n8n's own errors elsewhere, e.g. while it switches pages, are printed, not counted).
 */
export function ourConsoleErrors(problems: ConsoleProblem[]): ConsoleProblem[] {
	return problems.filter((p) => {
		// A failed request is ours only for our files (n8n asks for schemas its own nodes lack, too).
		const failedUrl = /^Failed to load resource: .* \((\S+)\)$/.exec(p.text)?.[1];
		if (failedUrl) return isOurUrl(failedUrl);
		return p.step.startsWith('panel: ') || /ccv/i.test(p.text);
	});
}

export async function startEditor(): Promise<Editor> {
	const started = Date.now();
	await ensureTools();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccv-browser-'));
	const sandbox = await startSandbox({ seed: true });
	// BROWSER_EXTENSION_DIR: check another build (a folder holding n8n-nodes-ccv/{package.json,dist}).
	const extensionsDir = process.env.BROWSER_EXTENSION_DIR || prepareExtension(path.join(dir, 'extensions'));
	const env = n8nEnv({
		userFolder: dir,
		extensionsDir,
		port: await freePort(),
		brokerPort: await freePort(),
		owner: OWNER,
	});
	const n8nLog = fs.createWriteStream(path.join(dir, 'n8n.log'));
	const server = await startN8nServer(env, { onLine: (line) => n8nLog.write(`${line}\n`), timeoutMs: 180_000 });
	log(`n8n ready after ${((Date.now() - started) / 1000).toFixed(1)} s: ${server.baseUrl}`);
	const api = await login(server.baseUrl, OWNER.email, OWNER.password);
	const created = (await api.post('/rest/credentials', {
		name: 'CCV sandbox',
		type: 'ccvApi',
		data: {
			apiKey: sandbox.apiKey,
			baseUrl: sandbox.url,
			boardingBaseUrl: sandbox.url,
			boardingAuth: 'basic',
			boardingKey: '',
			boardingHeaderName: 'X-API-Key',
		},
	})) as { id: string; name: string };
	const credential = { id: created.id, name: created.name };
	const examples = loadExamples({ credential });
	for (const { workflow } of examples) await api.post('/rest/workflows', workflow);

	const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
	const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
	let current = 'sign-in';
	const consoleErrors: ConsoleProblem[] = [];
	const ourResponses: OurResponse[] = [];
	page.on('console', (message) => {
		if (message.type() !== 'error') return;
		// Before signing in, n8n asks whether a session exists: a 401 that says "not signed in yet".
		if (current === 'sign-in' && /status of 401/.test(message.text())) return;
		const { url } = message.location();
		consoleErrors.push({ step: current, text: url && !message.text().includes(url) ? `${message.text()} (${url})` : message.text() });
	});
	page.on('pageerror', (error) => consoleErrors.push({ step: current, text: `${error.name}: ${error.message}` }));
	page.on('response', (response) => {
		if (isOurUrl(response.url())) ourResponses.push({ step: current, url: response.url(), status: response.status() });
	});

	// A busy shared machine (load 20+ on 2 cores) needs far more than Playwright's 30 s defaults.
	page.setDefaultTimeout(120_000);
	page.setDefaultNavigationTimeout(180_000);
	await page.goto(`${server.baseUrl}/signin`);
	await page.fill('#emailOrLdapLoginId', OWNER.email);
	await page.fill('#password', OWNER.password);
	await page.click('[data-test-id="form-submit-button"]');
	await page.waitForURL((url) => !url.pathname.includes('signin'), { timeout: 120_000 });
	await page.waitForLoadState('networkidle');
	current = 'signed in';
	log(`signed in after ${((Date.now() - started) / 1000).toFixed(1)} s`);

	return {
		sandbox,
		server,
		api,
		page,
		credential,
		examples,
		consoleErrors,
		ourResponses,
		step: (name) => {
			current = name;
		},
		close: async () => {
			const unattributed = consoleErrors.filter((p) => !ourConsoleErrors([p]).length);
			if (unattributed.length) {
				log(`console errors not caused by our nodes (not counted):\n${unattributed.map((p) => `  [${p.step}] ${p.text.split('\n')[0]}`).join('\n')}`);
			}
			await browser.close().catch(() => undefined);
			await server.stop();
			n8nLog.end();
			await sandbox.close();
			await stopAll();
			if (KEEP) log(`kept ${dir}`);
			else fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

// ------------------------------------------------------------------------------------------------
// Working in the editor. The editor's state is read from its Pinia stores: the parameters a node
// holds there are what n8n saves.

// The functions given to page.evaluate run inside the page (playwright sends their source): they
// reach n8n's Vue app on #app and its Pinia stores, and may use nothing from this file but types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type VueRoot = { __vue_app__: any };
type PageGlobal = { document: { querySelector(selector: string): VueRoot | null } };

/**
 * Opens a workflow in the editor and waits until its document is loaded and its canvas drawn. Inside
 * the running app it navigates as a click on the workflow does (Vue router: seconds, not a full page
 * load); the first time, or when that does not arrive, it loads the page.
 */
export async function openWorkflow(editor: Editor, id: string): Promise<void> {
	const { page } = editor;
	editor.step(`workflow ${id}`);
	editor.workflowId = id;
	const loaded = async (timeout: number) => {
		await page.waitForFunction(
			(workflowId) => {
				const app = (globalThis as unknown as PageGlobal).document.querySelector('#app')?.__vue_app__;
				const pinia = app?.config.globalProperties.$pinia;
				return !!pinia && [...pinia._s.keys()].some((key: string) => key.startsWith(`workflowDocuments/${workflowId}`));
			},
			id,
			{ timeout },
		);
		await page.waitForSelector('[data-test-id="canvas-node"]', { timeout });
		await settle(page);
	};
	const inApp = await page.evaluate(
		() => !!(globalThis as unknown as PageGlobal).document.querySelector('#app')?.__vue_app__?.config.globalProperties.$router,
	);
	if (inApp) {
		try {
			await page.evaluate(
				(path) => (globalThis as unknown as PageGlobal).document.querySelector('#app')!.__vue_app__.config.globalProperties.$router.push(path),
				`/workflow/${id}`,
			);
			await loaded(30_000);
			return;
		} catch {
			// Fall back to a page load below.
		}
	}
	await page.goto(`${editor.server.baseUrl}/workflow/${id}`);
	await loaded(120_000);
}

/** Every node's parameters as the editor holds them for the open workflow, keyed by node name (JSON text, to compare). */
export async function storedParameters(editor: Editor): Promise<Record<string, string>> {
	return await editor.page.evaluate((workflowId) => {
		const pinia = (globalThis as unknown as PageGlobal).document.querySelector('#app')!.__vue_app__.config.globalProperties.$pinia;
		const [, doc] = [...pinia._s.entries()].find(([key]: [string]) => key.startsWith(`workflowDocuments/${workflowId}@`));
		return Object.fromEntries(doc.allNodes.map((node: { name: string; parameters: unknown }) => [node.name, JSON.stringify(node.parameters)]));
	}, editor.workflowId);
}

/**
 * Opens a node's panel as double-clicking it does (the editor's NDV store), waits until its
 * parameters are drawn, runs `inside` while it is open, then closes it with Escape.
 */
export async function withPanel(editor: Editor, label: string, nodeName: string, inside?: () => Promise<void>): Promise<void> {
	const { page } = editor;
	editor.step(`panel: ${label}`);
	await page.evaluate(
		([workflowId, name]) => {
			const pinia = (globalThis as unknown as PageGlobal).document.querySelector('#app')!.__vue_app__.config.globalProperties.$pinia;
			const [, ndv] = [...pinia._s.entries()].find(([key]: [string]) => key.startsWith(`ndv/${workflowId}@`));
			ndv.setActiveNodeName(name, 'other');
		},
		[editor.workflowId, nodeName],
	);
	await page.waitForSelector('[data-test-id="ndv"] [data-test-id="node-parameters"]', { timeout: 60_000 });
	await page.waitForTimeout(250);
	if (inside) await inside();
	await page.keyboard.press('Escape');
	await page.waitForSelector('[data-test-id="ndv"]', { state: 'hidden', timeout: 60_000 });
	editor.step(`closed: ${label}`);
}

/** Waits until no request is in flight (e.g. the output schema the last panel asked for). */
export async function settle(page: Page): Promise<void> {
	await page.waitForLoadState('networkidle').catch(() => undefined);
	await page.waitForTimeout(300);
}
