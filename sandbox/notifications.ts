// CCV's notifications: the request field and the payload. Seed 004:470 says `notificationRequests`
// is "An object"; its fields and the payload are undocumented (REFERENCE §6), so the shapes below
// are the sandbox's own choice, kept in this one file. The `notificationRequests` reading chooses
// between the object (default) and the sandbox's former array of the same entries. `data` is the
// sandbox's own choice too: the CCV Trigger reads only `eventType` and `reference` and confirms the
// rest at CCV (test/nodes/Ccv/trigger/notificationEvents.test.ts).
import { randomUUID } from 'node:crypto';
import type { Readings } from './readings';
import type { Fields } from './validate';
import { isObject } from './validate';

/** The event types REFERENCE §6 lists; others are refused (strict: more may exist, none is documented). */
export const EVENT_TYPES = [
	'StatusChanged',
	'Collected',
	'PaidOut',
	'AutoRefunded',
	'AuthenticationStarted',
	'AuthenticationCompleted',
	'MandateUpdated',
	'MandateUsed',
	'TerminalMessageUpdate',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** One subscription: `{url, events?}` (sandbox choice). */
export interface NotificationRequest {
	url: string;
	/** Default ["StatusChanged"]. */
	events: string[];
}

export interface Notification {
	notificationId: string;
	eventType: string;
	reference: string;
	created: number;
	data: Record<string, unknown>;
}

export interface StatusChangedNotification extends Notification {
	eventType: 'StatusChanged';
	data: { status: string };
}

/** A webhook or notification URL: at most 2000 characters; http:// refused under httpWebhookUrl 'refused'. */
export function readCallbackUrl(fields: Fields, name: string, value: unknown, readings: Readings): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string' || value.length === 0) {
		fields.add(name, 'may not be null');
		return undefined;
	}
	if (value.length > 2000) fields.add(name, 'size must be between 1 and 2000');
	if (!readings.allowHttpWebhooks && readings.httpWebhookUrl === 'refused' && !/^https:\/\//i.test(value)) {
		fields.add(name, 'must be an https:// URL');
	}
	return value;
}

/** Reads `notificationRequests` off a request body, recording field errors. */
export function readNotificationRequests(fields: Fields, readings: Readings): NotificationRequest[] | undefined {
	const value = fields.body.notificationRequests;
	if (value === undefined || value === null) return undefined;
	if (readings.notificationRequests === 'object') {
		if (!isObject(value)) {
			fields.add('notificationRequests', 'must be an object {url, events?}');
			return undefined;
		}
		const one = readEntry(fields, 'notificationRequests', value, readings);
		return one ? [one] : undefined;
	}
	if (!Array.isArray(value)) {
		fields.add('notificationRequests', 'must be an array of {url, events?}');
		return undefined;
	}
	const requests: NotificationRequest[] = [];
	value.forEach((entry, i) => {
		const one = readEntry(fields, `notificationRequests[${i}]`, entry, readings);
		if (one) requests.push(one);
	});
	return requests;
}

function readEntry(fields: Fields, name: string, entry: unknown, readings: Readings): NotificationRequest | undefined {
	if (!isObject(entry) || typeof entry.url !== 'string' || entry.url.length === 0) {
		fields.add(`${name}.url`, 'may not be null');
		return undefined;
	}
	const before = fields.errors.length;
	readCallbackUrl(fields, `${name}.url`, entry.url, readings);
	let events: string[] = ['StatusChanged'];
	if (entry.events !== undefined) {
		if (!Array.isArray(entry.events) || entry.events.some((e) => typeof e !== 'string')) {
			fields.add(`${name}.events`, 'must be an array of event names');
		} else {
			entry.events.forEach((e, i) => {
				if (!EVENT_TYPES.includes(e as EventType)) fields.add(`${name}.events[${i}]`, `must be one of: ${EVENT_TYPES.join(', ')}`);
			});
			events = entry.events as string[];
		}
	}
	return fields.errors.length > before ? undefined : { url: entry.url, events };
}

export function notification(eventType: string, reference: string, now: number, data: Record<string, unknown>): Notification {
	return { notificationId: randomUUID(), eventType, reference, created: now, data };
}

export function statusChangedNotification(reference: string, status: string, now: number): StatusChangedNotification {
	return notification('StatusChanged', reference, now, { status }) as StatusChangedNotification;
}

/** CCV's plain webhook body: the transaction reference, nothing else. */
export function webhookBody(reference: string): { id: string } {
	return { id: reference };
}
