// The credential test as n8n 2.41 runs it (packages/cli/src/services/credentials-tester.service.ts,
// runRequestTest): the credential's declarative `test.request` becomes the routing of a one-property
// node, and n8n-core's RoutingNode sends it through httpRequestWithAuthentication, which applies the
// credential's `authenticate` and then opens the connection. Here that node runs in n8n's own engine
// (test/helpers/engine.ts), so what reaches a receiver is what a real credential test would send.
import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { CcvApi } from '../../credentials/CcvApi.credentials';
import { runCcvNode } from '../helpers/engine';
import type { CcvCredentialData } from '../helpers/engine';

function credentialTestNode(): INodeType {
	const test = new CcvApi().test;
	const description: INodeTypeDescription = {
		displayName: 'Credential Test',
		name: 'credentialTest',
		group: ['transform'],
		version: 1,
		description: 'The node n8n builds to run a declarative credential test',
		defaults: { name: 'Credential Test' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'ccvApi', required: true }],
		properties: [{ displayName: 'Temp', name: 'temp', type: 'string', default: '', routing: { request: test.request } }],
	};
	return { description };
}

/** Runs the CCV credential's test; `message` is the error n8n would show ("status: Error"), if any. */
export async function runCredentialTest(credentials: CcvCredentialData): Promise<{ ok: boolean; message?: string }> {
	const result = await runCcvNode({ parameters: { temp: '' }, credentials, nodeType: credentialTestNode() });
	return result.error ? { ok: false, message: result.error.message } : { ok: true };
}
