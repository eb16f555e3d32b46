// The example workflows of examples/, ready to import into an n8n that loads our nodes from
// N8N_CUSTOM_EXTENSIONS (node types CUSTOM.<name>) and holds a ccvApi credential.
const fs = require('node:fs');
const path = require('node:path');
const { ROOT } = require('./runtime-paths.cjs');

const EXAMPLES_DIR = path.join(ROOT, 'examples');
// examples/ is written for n8n instances that installed the package as a community node.
const PACKAGE_PREFIX = 'n8n-nodes-ccv.';

function loadExamples({ typePrefix = 'CUSTOM.', credential } = {}) {
	if (!fs.existsSync(EXAMPLES_DIR)) return [];
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			const workflow = JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));
			for (const node of workflow.nodes) {
				if (node.type.startsWith(PACKAGE_PREFIX)) node.type = typePrefix + node.type.slice(PACKAGE_PREFIX.length);
				if (credential && node.credentials?.ccvApi) node.credentials.ccvApi = { id: credential.id, name: credential.name };
			}
			return { file, workflow };
		});
}

module.exports = { EXAMPLES_DIR, PACKAGE_PREFIX, loadExamples };
