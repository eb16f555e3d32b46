// Shared by the CCV Trigger tests: the credential pointing at the sandbox and one call of the
// trigger's webhook() in n8n-core's WebhookContext.
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { request } from 'undici';

import { CcvTrigger } from '../../../../nodes/Ccv/CcvTrigger.node';
import { forgetProcessMemory } from '../../../../nodes/Ccv/trigger/processMemory';
import { transactionEventKey } from '../../../../nodes/Ccv/helpers/changesEventKey';
import { runWebhook } from '../../../helpers/engine';
import type { CcvCredentialData, RunWebhookOptions, RunWebhookResult } from '../../../helpers/engine';
import type { Sandbox } from '../../../../sandbox';

export const trigger = new CcvTrigger();

// Every test starts as a freshly started n8n: no status output before in this process.
if (typeof beforeEach === 'function') beforeEach(() => forgetProcessMemory());

export function credentialsFor(sb: Sandbox, apiKey = sb.apiKey): CcvCredentialData {
	return { apiKey, baseUrl: sb.url, boardingBaseUrl: sb.url };
}

export async function callTrigger(
	sb: Sandbox,
	parameters: INodeParameters,
	req: RunWebhookOptions['request'],
	extra: { staticData?: IDataObject; apiKey?: string } = {},
): Promise<RunWebhookResult> {
	return await runWebhook({
		nodeType: trigger,
		parameters,
		credentials: credentialsFor(sb, extra.apiKey),
		staticData: extra.staticData,
		request: req,
	});
}

/** The items an execution would start with, or undefined when the call starts none. */
export function emittedBy(result: RunWebhookResult): IDataObject[] | undefined {
	return result.workflowData?.[0]?.map((item) => item.json);
}

/** The transaction lookups the trigger made at the sandbox. */
export function lookups(sb: Sandbox) {
	return sb.log.filter((entry) => entry.method === 'GET' && entry.path === '/api/v1/transaction');
}

/** A POST as CCV makes it: JSON, or '' for the empty-bodied order notification. */
export async function post(url: string, body: unknown): Promise<number> {
	const empty = body === '';
	const res = await request(url, {
		method: 'POST',
		headers: empty ? {} : { 'content-type': 'application/json' },
		body: empty ? '' : JSON.stringify(body),
	});
	await res.body.dump();
	return res.statusCode;
}

/**
 * A transaction as the trigger outputs it: CCV's answer, its eventKey, and what the caller said (unverified).
 * A notification's output (its unverified part holds the eventType) also names the event: StatusChanged.
 */
export function asEmitted(transaction: object | undefined, unverified: IDataObject = { query: {} }): IDataObject {
	const tx = (transaction ?? {}) as IDataObject;
	const event = 'eventType' in unverified ? { event: 'StatusChanged' } : {};
	return { ...tx, ...event, eventKey: transactionEventKey(String(tx.reference), String(tx.status)), unverified };
}
