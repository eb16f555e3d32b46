// One sandbox per test file, with an HTTP client for it, reset before each test.
import { startSandbox } from '../../sandbox/sandbox';
import type { Sandbox } from '../../sandbox/sandbox';
import { Client } from './test-client';
import type { SandboxOptions } from '../../sandbox/types';

export interface SandboxFixture {
	sb: Sandbox;
	api: Client;
}

export function useTestSandbox(options: SandboxOptions = {}): SandboxFixture {
	const fixture = {} as SandboxFixture;
	beforeAll(async () => {
		fixture.sb = await startSandbox(options);
		fixture.api = new Client(fixture.sb);
	});
	afterAll(async () => {
		await fixture.api?.close();
		await fixture.sb?.close();
	});
	beforeEach(() => fixture.sb.reset());
	return fixture;
}
