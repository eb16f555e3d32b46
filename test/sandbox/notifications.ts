// CCV's notifications: the request field and the payload. CCV documents neither the fields of
// `notificationRequests` nor the payload (REFERENCE §6), so both shapes below are the sandbox's
// own choice, kept in this one file.
import { randomUUID } from 'node:crypto';
import type { Fields } from './validate';
import { isObject } from './validate';

/** One entry of a request's `notificationRequests` array (sandbox choice). */
export interface NotificationRequest {
	url: string;
	/** Default ["StatusChanged"]. */
	events: string[];
}

export interface StatusChangedNotification {
	notificationId: string;
	eventType: 'StatusChanged';
	reference: string;
	created: number;
	data: { status: string };
}

/** Reads `notificationRequests` off a request body, recording field errors. */
export function readNotificationRequests(fields: Fields): NotificationRequest[] | undefined {
	const value = fields.body.notificationRequests;
	if (value === undefined || value === null) return undefined;
	if (!Array.isArray(value)) {
		fields.add('notificationRequests', 'must be an array of {url, events}');
		return undefined;
	}
	const requests: NotificationRequest[] = [];
	value.forEach((entry, i) => {
		const name = `notificationRequests[${i}]`;
		if (!isObject(entry) || typeof entry.url !== 'string' || entry.url.length === 0) {
			fields.add(`${name}.url`, 'may not be null');
			return;
		}
		if (entry.url.length > 2000) fields.add(`${name}.url`, 'size must be between 1 and 2000');
		let events = ['StatusChanged'];
		if (entry.events !== undefined) {
			if (!Array.isArray(entry.events) || entry.events.some((e) => typeof e !== 'string')) {
				fields.add(`${name}.events`, 'must be an array of event names');
				return;
			}
			events = entry.events as string[];
		}
		requests.push({ url: entry.url, events });
	});
	return requests;
}

export function statusChangedNotification(
	reference: string,
	status: string,
	now: number,
): StatusChangedNotification {
	return {
		notificationId: randomUUID(),
		eventType: 'StatusChanged',
		reference,
		created: now,
		data: { status },
	};
}

/** CCV's plain webhook body: the transaction reference, nothing else. */
export function webhookBody(reference: string): { id: string } {
	return { id: reference };
}
