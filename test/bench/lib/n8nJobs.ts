// Issue 10's contenders in a real n8n: the HTTP Request node (defaults, and batching 10 items /
// 40 ms) and the CCV node (defaults), doing the same bulk jobs against the sandbox.
import type { CredentialRef, Step } from '../../e2e/harness';
import type { Job } from './customerRuns';

export type Contender = 'httpDefault' | 'httpBatched' | 'ccvDefault';

export const CONTENDERS: Array<{ id: Contender; label: string }> = [
	{ id: 'httpDefault', label: '(a) HTTP Request, defaults' },
	{ id: 'httpBatched', label: '(b) HTTP Request, batch 10 / 40 ms' },
	{ id: 'ccvDefault', label: '(c) CCV node, defaults' },
];

const HTTP = { type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2 };

function httpOptions(contender: Contender) {
	return contender === 'httpBatched' ? { batching: { batch: { batchSize: 10, batchInterval: 40 } } } : {};
}

/** Every step of one run; `timed` are the nodes whose execution times add up to the job's time. */
export function jobSteps(
	job: Job,
	contender: Contender,
	items: Array<Record<string, unknown>>,
	baseUrl: string,
	basicAuth: CredentialRef,
): { steps: Step[]; timed: string[] } {
	const auth = {
		authentication: 'genericCredentialType',
		genericAuthType: 'httpBasicAuth',
	};
	const credentials = { httpBasicAuth: basicAuth };
	if (contender === 'ccvDefault') {
		const customer = { __rl: true, mode: 'externalId', value: '={{ $json.id }}' };
		const parameters =
			job === 'delete'
				? { resource: 'customer', operation: 'delete', customer, options: {} }
				: {
						resource: 'customer',
						operation: 'update',
						customer,
						cardLinking: 'unchanged',
						updateFields: { customerReference: '={{ $json.ref }}' },
						options: {},
					};
		return { steps: [{ name: 'job', parameters, items }], timed: ['job'] };
	}
	if (job === 'delete') {
		return {
			steps: [
				{
					name: 'job',
					...HTTP,
					credentials,
					items,
					parameters: {
						method: 'DELETE',
						url: `=${baseUrl}/api/v1/customer/externalId/{{ $json.id }}`,
						...auth,
						options: httpOptions(contender),
					},
				},
			],
			timed: ['job'],
		};
	}
	// A merge-update by hand: read the customer, change the reference, write the whole customer back.
	return {
		steps: [
			{
				name: 'read',
				...HTTP,
				credentials,
				items,
				parameters: { method: 'GET', url: `=${baseUrl}/api/v1/customer/externalId/{{ $json.id }}`, ...auth, options: httpOptions(contender) },
			},
			{
				name: 'merge',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				after: 'read',
				parameters: {
					jsCode:
						"return $input.all().map((item) => ({ json: { id: item.json.id, body: { externalId: item.json.externalId, customerReference: 'NEW-' + item.json.externalId, registrationExpiration: item.json.registrationExpiration, linkReferences: item.json.linkReferences } } }));",
				},
			},
			{
				name: 'write',
				...HTTP,
				credentials,
				after: 'merge',
				parameters: {
					method: 'PUT',
					url: `=${baseUrl}/api/v1/customer/{{ $json.id }}`,
					...auth,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '={{ JSON.stringify($json.body) }}',
					options: httpOptions(contender),
				},
			},
		],
		timed: ['read', 'merge', 'write'],
	};
}
