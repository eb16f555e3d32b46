// n8n's headless commands: import credentials and workflows, publish, execute (each start costs ~4 s).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { NODE24_BIN, N8N_BIN } = require('./runtime-paths.cjs');
const { runProcess } = require('./processes.cjs');

/** Runs `n8n <args>`; rejects with n8n's output when it exits non-zero. */
async function runN8n(args, env, { timeoutMs = 180_000, allowFailure = false } = {}) {
	const result = await runProcess(NODE24_BIN, [N8N_BIN, ...args], {
		env,
		cwd: env.N8N_USER_FOLDER,
		name: `n8n ${args[0]}`,
		timeoutMs,
	});
	if (result.code !== 0 && !allowFailure) {
		throw new Error(`\`n8n ${args.join(' ')}\` exited with ${result.code ?? result.signal}:\n${result.output.trim()}`);
	}
	return result;
}

async function withJsonFile(value, use) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-import-'));
	const file = path.join(dir, 'input.json');
	fs.writeFileSync(file, JSON.stringify(value, null, 2));
	try {
		return await use(file);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/** Imports credentials given in clear ({id, name, type, data}); n8n encrypts them with the instance key. */
async function importCredentials(env, credentials) {
	const result = await withJsonFile(credentials, (file) =>
		runN8n(['import:credentials', `--input=${file}`], { ...env, N8N_LOG_LEVEL: 'info' }),
	);
	assertImported(result, 'credential');
}

/** Imports workflows (each needs an id to be executed or published by id later). */
async function importWorkflows(env, workflows) {
	const result = await withJsonFile(workflows, (file) =>
		runN8n(['import:workflow', `--input=${file}`], { ...env, N8N_LOG_LEVEL: 'info' }),
	);
	assertImported(result, 'workflow');
}

// The import commands log errors but still exit 0 on some failures.
function assertImported(result, what) {
	if (!/Successfully imported/i.test(result.output) || /An error occurred/i.test(result.output)) {
		throw new Error(`importing ${what}s failed:\n${result.output.trim()}`);
	}
}

async function publishWorkflow(env, id) {
	await runN8n(['publish:workflow', `--id=${id}`], env);
}

/** Ids of the workflows and credentials already stored in this instance. */
async function listWorkflowIds(env) {
	const result = await runN8n(['list:workflow', '--onlyId'], { ...env, N8N_LOG_LEVEL: 'info' });
	return result.output
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => /^[A-Za-z0-9]{1,36}$/.test(line));
}

/**
 * `n8n execute --id --rawOutput`: resolves with the run ({data: {resultData: {runData, error}}...}).
 * A failed workflow is returned too (its error in data.resultData.error); anything unparsable rejects
 * with n8n's full output.
 */
async function executeWorkflow(env, id, { timeoutMs = 300_000 } = {}) {
	const result = await runN8n(['execute', `--id=${id}`, '--rawOutput'], env, { timeoutMs, allowFailure: true });
	const run = parseRunOutput(result.stdout) ?? parseRunOutput(result.output);
	if (!run) {
		throw new Error(`n8n execute --id=${id} printed no run data (exit ${result.code ?? result.signal}):\n${result.output.trim()}`);
	}
	return run;
}

/** The run JSON starts at the first line that is a lone `{` (log lines come before it). */
function parseRunOutput(text) {
	const lines = text.split('\n');
	for (let start = 0; start < lines.length; start++) {
		if (lines[start].trim() !== '{') continue;
		for (let end = lines.length; end > start; end--) {
			if (lines[end - 1].trim() !== '}') continue;
			try {
				const value = JSON.parse(lines.slice(start, end).join('\n'));
				if (value && typeof value === 'object' && value.data && value.data.resultData) return value;
			} catch {
				// not this slice
			}
		}
	}
	return undefined;
}

module.exports = {
	runN8n,
	importCredentials,
	importWorkflows,
	publishWorkflow,
	listWorkflowIds,
	executeWorkflow,
	parseRunOutput,
};
