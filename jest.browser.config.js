// The browser check (`npm test` runs it after the e2e suite; alone: `npm run test:browser`): Debian's
// Chromium, driven by playwright-core, in a real n8n started as `npm start` does (test/browser).
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/browser'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	testTimeout: 300000,
	maxWorkers: 1,
};
