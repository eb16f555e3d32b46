import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { sendWrite } from '../../helpers/dryRun';
import { seeFix } from '../../helpers/fixLinks';
import {
	answerMismatch,
	bodyMemoryKey,
	canonicalJson,
	earlierAnswer,
	firstSentAt,
	forgetBody,
	isReplay,
	noteAnswer,
	recordBody,
	rememberedBody,
} from '../../helpers/idempotency';
import { itemLabel } from '../../helpers/itemLabel';
import { withFailureMeaning } from '../../helpers/transactions';
import type { CcvClient } from '../../transport';
import { withDefaultWebhook } from './defaultWebhook';
import { findEarlier } from './earlier';
import { withInitialTransactionIdInSequenceInfo } from './initialTransactionId';
import { explainMayExist, explainRefusal, outcomeOf } from './refusal';
import type { PreparedMoney } from './types';

// The send step of every money operation: what CCV already holds (earlier.ts), the POST with its
// Idempotency-Reference (or the Dry Run preview), the replay flag, and the checks on CCV's answer.

/** A secret never shown in a Dry Run preview: the last 4 characters, as with a card number. */
function masked(value: unknown): string {
	const text = String(value ?? '');
	return text.length >= 12 ? `****${text.slice(-4)}` : '****';
}

function previewWithoutSecrets(preview: IDataObject): IDataObject {
	const body = preview.body as IDataObject | undefined;
	const details = body?.details as IDataObject | undefined;
	if (!details?.vaultAccessToken) return preview;
	return { ...preview, body: { ...body, details: { ...details, vaultAccessToken: masked(details.vaultAccessToken) } } };
}

/** The fields whose values differ between two bodies (top level), for the "which body CCV holds" note. */
function changedFields(a: IDataObject, b: IDataObject): string[] {
	const names = new Set([...Object.keys(a), ...Object.keys(b)]);
	return [...names].filter((k) => canonicalJson(a[k]) !== canonicalJson(b[k])).sort();
}

async function accountOf(client: CcvClient): Promise<string> {
	return typeof client.accountId === 'function' ? await client.accountId() : '';
}

/**
 * POSTs a prepared money request, with the credential's Default Webhook URL when the item has none.
 * Before creating a refund or an order's payment, reads what CCV already holds for the intention
 * (earlier.ts). Output: CCV's answer with the Idempotency-Reference used, `replayed` (CCV
 * answered with, or the node found, an earlier transaction), `attempt` for payments, and
 * `webhookUrlFrom` ('item' or 'credential', when a webhook URL was sent), or the Dry Run preview.
 */
export async function sendMoneyRequest(
	ctx: IExecuteFunctions,
	client: CcvClient,
	i: number,
	prepared: PreparedMoney,
): Promise<IDataObject> {
	let refused: { error: unknown };
	try {
		return await sendOnce(ctx, client, i, prepared);
	} catch (error) {
		refused = { error };
	}
	// A stored-card charge CCV refused wanting initialTransactionId in sequenceInfo is sent once more.
	const resend = withInitialTransactionIdInSequenceInfo(refused.error, prepared);
	if (resend === undefined) throw refused.error;
	return await sendOnce(ctx, client, i, resend);
}

async function sendOnce(ctx: IExecuteFunctions, client: CcvClient, i: number, prepared: PreparedMoney): Promise<IDataObject> {
	const { operation } = prepared;
	const { body: withHook, webhookUrlFrom, warnings } = await withDefaultWebhook(ctx, client, i, prepared.body);
	let idempotencyReference = prepared.idempotencyReference;
	let expected = prepared.expected;
	let attempt: IDataObject = {};
	const account = await accountOf(client);
	if (prepared.lookup && !prepared.dryRun) {
		const sentKey = bodyMemoryKey(account, operation, idempotencyReference, prepared.substance);
		const sentHere = (reference: string) => {
			const answered = earlierAnswer(sentKey);
			return answered === reference || (answered === undefined && rememberedBody(sentKey)?.open === true);
		};
		const earlier = await findEarlier(ctx, client, i, prepared.lookup, expected, sentHere);
		if (earlier.kind === 'existing') {
			return {
				...withFailureMeaning(earlier.transaction),
				idempotencyReference,
				replayed: true,
				foundAtCcv: true,
				...(earlier.attempt === undefined ? {} : { attempt: earlier.attempt }),
			};
		}
		idempotencyReference = earlier.idempotencyReference ?? idempotencyReference;
		if (earlier.attempt !== undefined) attempt = { attempt: earlier.attempt };
		expected = { ...expected, ...Object.fromEntries(Object.entries(earlier.expected ?? {}).filter(([, v]) => v !== undefined)) };
	}
	const memoryKey = bodyMemoryKey(account, operation, idempotencyReference, prepared.substance);
	const remembered = prepared.dryRun ? undefined : rememberedBody<IDataObject>(memoryKey);
	const body = remembered?.body ?? withHook;
	const notSentChanges = remembered ? changedFields(remembered.body, withHook) : [];
	const hookSource = { ...(body.webhookUrl === undefined ? {} : { webhookUrlFrom: webhookUrlFrom ?? 'item' }), ...(warnings ? { warnings } : {}) };
	const request = { method: 'POST' as const, path: `/api/v1/${operation}`, body, idempotencyReference };
	const answeredBefore = earlierAnswer(memoryKey);
	const startedAt = firstSentAt(ctx.getExecutionId(), memoryKey, Date.now());
	let result: Awaited<ReturnType<typeof sendWrite<IDataObject>>> | undefined;
	let failure: { error: unknown } | undefined;
	try {
		result = await sendWrite<IDataObject>(client, request, i, prepared.dryRun);
	} catch (error) {
		failure = { error };
	}
	if (failure || !result) {
		const error = failure?.error;
		const outcome = outcomeOf(error);
		if (outcome === 'refused') {
			forgetBody(memoryKey);
			explainRefusal(error, prepared, idempotencyReference);
		} else if (outcome === 'notSent') {
			forgetBody(memoryKey);
		} else {
			recordBody(memoryKey, body, true);
			if (outcome === 'mayExist') await explainMayExist(error, client, i);
		}
		throw error;
	}
	if (!result.sent) {
		return {
			action: operation,
			...result.dryRun,
			request: previewWithoutSecrets(result.dryRun.request as IDataObject),
			idempotencyReference,
			...hookSource,
		};
	}
	recordBody(memoryKey, body, false);
	const answer = result.response.body ?? {};
	const differences = answerMismatch(expected, answer);
	if (differences.length) {
		throw new NodeOperationError(
			ctx.getNode(),
			`${itemLabel(i)}: CCV answered with transaction ${String(answer.reference)}, which is not the ${prepared.identity}: ${differences.join('; ')}`,
			{
				itemIndex: i,
				description: `CCV answered this Idempotency-Reference (${idempotencyReference}) with an earlier transaction, so no new ${operation} was made, and the node will not output it as this item's result. If this item is a different ${operation} on purpose, give it its own reference (Merchant Order Reference or Idempotency Key). ${seeFix('idempotency')}`,
			},
		);
	}
	const replayed = isReplay({ sentBody: body, answer, startedAt, earlier: answeredBefore, sentBefore: remembered?.at });
	noteAnswer(memoryKey, answer.reference);
	const heldBody =
		remembered?.open && notSentChanges.length
			? {
					bodyNote: `An earlier send of this ${operation} in this n8n process got no certain answer, so CCV may hold that request: it was sent again unchanged, and this item's changes to ${notSentChanges.join(', ')} were not sent. CCV holds the body of the first send.`,
				}
			: {};
	return { ...withFailureMeaning(answer), idempotencyReference, replayed, ...attempt, ...heldBody, ...hookSource };
}

/** Every money operation's execute: what prepare checked, sent once with its Idempotency-Reference. */
export function moneyExecute(prepare: (this: IExecuteFunctions, i: number) => PreparedMoney) {
	return async function execute(
		this: IExecuteFunctions,
		i: number,
		client: CcvClient,
		prepared?: PreparedMoney,
	): Promise<IDataObject> {
		return await sendMoneyRequest(this, client, i, prepared ?? prepare.call(this, i));
	};
}

