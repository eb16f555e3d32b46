import type { IHookFunctions } from 'n8n-workflow';

import { keepEntriesOf } from './emittedStore';
import type { TriggerStaticData } from './emittedStore';
import type { EventSource } from './vocabulary';

// CCV has no API to register or remove a webhook: the user gives CCV the URL. These methods
// only keep the node's static data in step with what the workflow was published with.

function current(ctx: IHookFunctions) {
	return {
		data: ctx.getWorkflowStaticData('node') as TriggerStaticData,
		webhookUrl: ctx.getNodeWebhookUrl('default'),
		eventSource: ctx.getNodeParameter('eventSource', 'transaction') as EventSource,
	};
}

export function isRecorded(ctx: IHookFunctions): boolean {
	const { data, webhookUrl, eventSource } = current(ctx);
	return data.webhookUrl === webhookUrl && data.eventSource === eventSource;
}

/** Records the URL and source; drops remembered statuses another event source left behind. */
export function record(ctx: IHookFunctions): boolean {
	const { data, webhookUrl, eventSource } = current(ctx);
	keepEntriesOf(data, eventSource);
	data.webhookUrl = webhookUrl;
	data.eventSource = eventSource;
	return true;
}

/** Forgets the URL. Remembered statuses stay, so re-publishing does not output a status twice. */
export function forget(ctx: IHookFunctions): boolean {
	const { data } = current(ctx);
	delete data.webhookUrl;
	delete data.eventSource;
	return true;
}
