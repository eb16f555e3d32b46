import { sleep } from 'n8n-workflow';
import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { CcvClient, RETRY_PROFILES, WEBHOOK_ANSWER_MS } from '../transport';
import { CredentialHold } from './credentialHold';
import { isRecorded, mergeEmitted, upgradeLegacy } from './emittedStore';
import type { TriggerStaticData } from './emittedStore';
import { isIgnored } from './event';
import type { CallOutcome, EmittedCheck, VerifiedEvent } from './event';
import { orderEvents } from './orderSource';
import { claim, memoryOf, remember } from './processMemory';
import type { NodeMemory } from './processMemory';
import { tokenMatches } from './token';
import { mandateUpdatedEvent, mandateUsedEvent } from './mandateSource';
import { readEventType, readReference, transactionEvent } from './transactionSource';
import { isSelected, notificationEventOf } from './vocabulary';
import type { EventSource, NotificationEvent } from './vocabulary';

/**
 * The whole answer to a call, every lookup and repeat included, is bounded: CCV (and any sender) waits
 * for it. What CCV has not confirmed by then is answered like a failed lookup: 503 + Retry-After,
 * nothing output, nothing remembered, so a retrying caller's next call verifies it.
 */
export const ANSWER_DEADLINE_MS = WEBHOOK_ANSWER_MS;

/** A lookup that has not finished by the deadline (a backstop: the client stops its own requests there). */
class LateAnswer extends Error {}

/** `work`, or a LateAnswer once the call's deadline (plus a moment for the client to give up) has passed. */
async function byDeadline<T>(work: Promise<T>, deadline: number): Promise<T> {
	let done = false;
	const late = sleep(Math.max(0, deadline - Date.now()) + 250).then(() => {
		if (!done) throw new LateAnswer(`CCV did not answer within ${ANSWER_DEADLINE_MS / 1000} s`);
	}) as Promise<never>;
	// A result that arrives after the deadline is dropped, never recorded as output.
	work.catch(() => undefined);
	try {
		return await Promise.race([work, late]);
	} finally {
		done = true;
	}
}

/** What one lookup decided: the events to output now, and whether a lookup failed. */
interface Decision {
	events: VerifiedEvent[];
	failure?: Error;
}

/**
 * The same answer whatever was verified, so a caller learns nothing about our account. The node sends
 * it itself, before the execution starts: n8n (2.41) saves the static data (Emit Each Status Once)
 * when the webhook answers, and starting the execution first resets n8n's "changed" mark, so the
 * record of what was output would be lost and a repeated call would run the workflow again.
 */
function acknowledged(ctx: IWebhookFunctions): IWebhookResponseData {
	ctx.getResponseObject().status(200).json({ received: true });
	return { noWebhookResponse: true };
}

/**
 * A lookup at CCV failed (5xx, timeout, refused credential...): not "unknown", so the caller gets a
 * non-2xx answer and, if it retries, the status change is verified then. The reason goes to n8n's log only.
 */
function notVerified(ctx: IWebhookFunctions, error: Error): IWebhookResponseData {
	ctx.logger.error(`CCV Trigger: could not verify the call at CCV, answered 503 so a retrying caller retries: ${error.message}`);
	const res = ctx.getResponseObject();
	res.setHeader('Retry-After', '30');
	res.status(503).json({ received: false, message: 'Could not verify the event now; please retry' });
	return { noWebhookResponse: true };
}

function respond(ctx: IWebhookFunctions, decision: Decision): IWebhookResponseData {
	const answered = decision.failure ? notVerified(ctx, decision.failure) : acknowledged(ctx);
	if (decision.events.length === 0) return answered;
	return { ...answered, workflowData: [decision.events.map((event) => ({ json: event.json }))] };
}

function asError(error: unknown): Error {
	return error instanceof Error ? error : new Error(String(error));
}

/** Runs the lookup; with Emit Each Status Once, keeps only events not output before and records them. */
async function decide(
	lookup: () => Promise<{ outcome: CallOutcome; failure?: Error }>,
	deadline: number,
	record?: (events: VerifiedEvent[]) => VerifiedEvent[],
): Promise<Decision> {
	let result;
	try {
		result = await byDeadline(lookup(), deadline);
	} catch (error) {
		return { events: [], failure: asError(error) };
	}
	const { outcome, failure } = result;
	if (isIgnored(outcome)) return { events: [], failure };
	return { events: record ? record(outcome.events) : outcome.events, failure };
}

function refused(ctx: IWebhookFunctions): IWebhookResponseData | undefined {
	const token = ctx.getNodeParameter('token', '') as string;
	if (token === '') return undefined;
	const query = ctx.getQueryData() as Record<string, unknown>;
	if (tokenMatches(token, query.token)) return undefined;
	ctx.logger.warn('CCV Trigger: refused a call without the right ?token= (HTTP 401)');
	ctx.getResponseObject().status(401).json({ message: 'Unauthorized' });
	return { noWebhookResponse: true };
}

/** How each offered notification event is confirmed at CCV. */
const EVENT_LOOKUPS: Record<
	NotificationEvent,
	(ctx: IWebhookFunctions, client: CcvClient, reference: string, source: 'transaction' | 'notification') => Promise<CallOutcome>
> = {
	StatusChanged: transactionEvent,
	MandateUpdated: mandateUpdatedEvent,
	MandateUsed: mandateUsedEvent,
};

/** One lookup's result; a thrown error is a failed lookup. */
type LookupResult = { outcome: CallOutcome; failure?: Error };

/**
 * Runs `run` with a client on the held credential. When that lookup fails or CCV knows nothing the
 * call names, the credential may have been edited since it was read: read it again and, if it
 * changed, look up once more with the fresh one (an unchanged credential costs no second lookup).
 */
async function withCredential(ctx: IWebhookFunctions, deadline: number, run: (client: CcvClient) => Promise<LookupResult>): Promise<LookupResult> {
	const hold = new CredentialHold(ctx);
	const settings = { ...RETRY_PROFILES.webhookCaller, deadline, readCredential: hold.readCredential };
	let first: LookupResult;
	try {
		first = await run(new CcvClient(ctx, settings));
	} catch (error) {
		first = { outcome: { ignored: 'the lookup at CCV failed' }, failure: asError(error) };
	}
	const doubtful = first.failure !== undefined || (isIgnored(first.outcome) && first.outcome.unknown === true);
	if (!doubtful || !(await hold.refresh())) return first;
	ctx.logger.debug('CCV Trigger: the credential changed since it was read; looked up again with the new one');
	return await run(new CcvClient(ctx, settings));
}

export async function handleCall(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
	const denied = refused(ctx);
	if (denied) return denied;
	const deadline = Date.now() + ANSWER_DEADLINE_MS;

	const source = ctx.getNodeParameter('eventSource', 'transaction') as EventSource;
	const once = ctx.getNodeParameter('emitEachStatusOnce', true) as boolean;

	let laneKey: string;
	let lookup: (wasEmitted: EmittedCheck) => Promise<LookupResult>;
	if (source === 'orderStatus') {
		laneKey = 'orders';
		lookup = async (wasEmitted) =>
			await withCredential(ctx, deadline, async (client) => {
				const { outcome, failed } = await orderEvents(ctx, client, wasEmitted);
				for (const { orderId, error } of failed) {
					ctx.logger.error(`CCV Trigger: could not get the status of order ${orderId} at CCV: ${error.message}`);
				}
				return { outcome, failure: failed[0]?.error };
			});
	} else {
		const reference = readReference(ctx.getBodyData());
		if (reference === undefined) {
			ctx.logger.debug('CCV Trigger: nothing output, the call names no usable transaction reference');
			return acknowledged(ctx);
		}
		const event = source === 'notification' ? notificationEventOf(readEventType(ctx.getBodyData())) : 'StatusChanged';
		const wanted = ctx.getNodeParameter('notificationEvents', ['StatusChanged']) as string[];
		if (event === undefined || (source === 'notification' && !isSelected(wanted, event))) {
			ctx.logger.debug(`CCV Trigger: nothing output, the notification's event ${event ?? 'is not one the trigger can confirm at CCV'}${event ? ' is not selected' : ''}`);
			return acknowledged(ctx);
		}
		// Each event has its own lane: a mandate event in flight must not swallow the status change.
		laneKey = event === 'StatusChanged' ? `transaction:${reference}` : `${event}:${reference}`;
		const eventOf = EVENT_LOOKUPS[event];
		lookup = async () => await withCredential(ctx, deadline, async (client) => ({ outcome: await eventOf(ctx, client, reference, source) }));
	}

	if (!once) return respond(ctx, await decide(async () => await lookup(() => false), deadline));

	// Everything up to claim() is synchronous: a copy arriving while this call's lookup runs finds the lane taken.
	const memory = memoryOf({ mode: ctx.getMode(), workflowId: String(ctx.getWorkflow().id ?? ''), nodeId: ctx.getNode().id });
	const data = ctx.getWorkflowStaticData('node') as TriggerStaticData;
	upgradeLegacy(data);
	const wasEmitted: EmittedCheck = (eventKey) => memory.emitted.has(eventKey) || isRecorded(data, eventKey);
	const claimed = claim(memory, laneKey, async () => await decide(async () => await lookup(wasEmitted), deadline, (events) => keepNew(memory, events, wasEmitted)));
	const decision = await claimed.result;
	// Every call writes back what this process has output, restoring records an overlapping save overwrote.
	mergeEmitted(data, memory.emitted);
	if (!claimed.leader) return respond(ctx, { events: [], failure: decision.failure });
	if (decision.events.length === 0) ctx.logger.debug('CCV Trigger: nothing new to output');
	return respond(ctx, decision);
}

/** The events not output before; they are recorded at once, before any other call can look. */
function keepNew(memory: NodeMemory, events: VerifiedEvent[], wasEmitted: EmittedCheck): VerifiedEvent[] {
	const fresh: VerifiedEvent[] = [];
	for (const event of events) {
		if (wasEmitted(event.eventKey)) continue;
		remember(memory, event.eventKey);
		fresh.push(event);
	}
	return fresh;
}
