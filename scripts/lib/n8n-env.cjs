// Environment variables for one isolated n8n (a CLI command or a server) and the owner account
// n8n creates from them, so no sign-up screen appears.
const path = require('node:path');
const { NODE24_BIN, N8N_PACKAGE_DIR } = require('./runtime-paths.cjs');

/** process.env with the Node 24 binary first on PATH and no settings leaked from an enclosing `npm run`. */
function node24Env(extra = {}) {
	const env = { ...process.env, PATH: `${path.dirname(NODE24_BIN)}${path.delimiter}${process.env.PATH ?? ''}` };
	for (const key of Object.keys(env)) if (key.toLowerCase().startsWith('npm_')) delete env[key];
	return { ...env, ...extra };
}

/**
 * Settings for one n8n instance. userFolder holds its database and encryption key (.n8n/);
 * extensionsDir is where our nodes are loaded from (N8N_CUSTOM_EXTENSIONS).
 */
function n8nEnv({ userFolder, extensionsDir, port = 5678, brokerPort, owner, logLevel = 'info', extra = {} }) {
	const env = node24Env({
		N8N_USER_FOLDER: userFolder,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(port),
		N8N_PROTOCOL: 'http',
		N8N_WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_LOG_LEVEL: logLevel,
		// Today's defaults, set explicitly so n8n does not print a deprecation notice for each.
		N8N_RUNNERS_TASK_TIMEOUT: '300',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		...(extensionsDir ? { N8N_CUSTOM_EXTENSIONS: extensionsDir } : {}),
		...(brokerPort ? { N8N_RUNNERS_BROKER_PORT: String(brokerPort) } : {}),
		...(owner ? ownerEnv(owner) : {}),
		...extra,
	});
	// Values from the caller's shell would break the isolation (another instance's database or port);
	// NODE_ENV=test (set by jest) makes n8n silence its logger and refuse to load nodes.
	for (const key of ['DB_TYPE', 'N8N_CONFIG_FILES', 'N8N_ENCRYPTION_KEY', 'EXECUTIONS_MODE', 'NODE_ENV', 'JEST_WORKER_ID']) {
		if (!(key in extra)) delete env[key];
	}
	return env;
}

/** n8n creates (and keeps in sync) this owner at start: N8N_INSTANCE_OWNER_MANAGED_BY_ENV. */
function ownerEnv({ email, password, firstName = 'Ops', lastName = 'Owner' }) {
	return {
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: email,
		N8N_INSTANCE_OWNER_FIRST_NAME: firstName,
		N8N_INSTANCE_OWNER_LAST_NAME: lastName,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: hashPassword(password),
	};
}

const hashes = new Map();

/** bcrypt hash made with the bcryptjs that ships inside n8n (pure JS, so it runs under Node 20 too). */
function hashPassword(password) {
	if (!hashes.has(password)) {
		const bcrypt = loadFromN8n('bcryptjs');
		hashes.set(password, bcrypt.hashSync(password, 10));
	}
	return hashes.get(password);
}

/** Loads a package from n8n's own dependencies. */
function loadFromN8n(name) {
	const resolved = require.resolve(name, { paths: [N8N_PACKAGE_DIR] });
	return require(resolved);
}

module.exports = { node24Env, n8nEnv, ownerEnv, hashPassword, loadFromN8n };
