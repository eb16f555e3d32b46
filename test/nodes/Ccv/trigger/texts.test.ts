// What the trigger's panel says must match what n8n 2.41 shows (issue 19 #3, #4): its buttons are
// "Execute step" / "Test this trigger", the URLs sit under "Webhook URLs" (collapsed), a published
// workflow shows the same hint, and Order Submit's fields carry their panel names.
import { CcvTrigger } from '../../../../nodes/Ccv/CcvTrigger.node';
import { description as submitFields } from '../../../../nodes/Ccv/actions/order/submit.operation';

const { description } = new CcvTrigger();
const notices = description.properties.filter((p) => p.type === 'notice').map((p) => p.displayName);
const panel = description.triggerPanel;
const panelTexts =
	typeof panel === 'object' && panel
		? [panel.header, panel.activationHint, ...Object.values(panel.executionsHelp ?? {})].map(String)
		: [];
const everything = [...notices, ...panelTexts, ...description.properties.map((p) => String(p.description ?? ''))];

function sentences(text: string): string[] {
	return text.split(/(?<=[.!?])\s+/).filter((s) => s.length > 30);
}

describe('CCV Trigger texts', () => {
	it('name the buttons n8n 2.41 shows, never "Listen for test event"', () => {
		expect(everything.join('\n')).not.toMatch(/Listen for test event/i);
		expect(panelTexts.join('\n')).toMatch(/"Execute step"/);
	});

	it('say nothing that is wrong on a published workflow', () => {
		expect(everything.join('\n')).not.toMatch(/Publish the workflow, then/i);
	});

	it('point to "Webhook URLs" as something to open, and keep each notice short without repeating a sentence', () => {
		for (const notice of notices) {
			expect(notice).toMatch(/open "Webhook URLs" above/);
			expect(notice.length).toBeLessThanOrEqual(150); // about 3 lines in the panel (the browser check measures the lines)
		}
		// One notice shows per event source, beside the panel's texts.
		for (const notice of notices) {
			const shown = [notice, ...panelTexts].flatMap(sentences);
			expect(shown.filter((s, i) => shown.indexOf(s) !== i)).toEqual([]);
		}
	});

	it('wire order statuses with the Submit panel\'s field names and no ?orderId= (unknown at submit)', () => {
		const orderNotice = description.properties.find((p) => p.name === 'orderUrlNotice')?.displayName ?? '';
		const submitNames = JSON.stringify(submitFields);

		expect(orderNotice).not.toMatch(/orderId=|statusNotificationInformation|notificationUrl/);
		for (const field of ['Status Notification URL', 'Notify On Statuses', 'Additional Fields']) {
			expect(orderNotice).toContain(field);
			expect(submitNames).toContain(field);
		}
		expect(description.properties.map((p) => p.name)).toContain('orderIds');
	});
});

// Issue 27 #6: n8n's node picker lists a trigger's events from the parameter labelled "Trigger On"
// (or "Event"/"Events"), one entry per option, each named by the option's `action`; without such a
// parameter it shows one entry, "On new CCV event".
describe('CCV Trigger in the node picker (issue 27 #6)', () => {
	const PICKER_LABELS = ['event', 'events', 'trigger on'];
	const events = description.properties.find((p) => PICKER_LABELS.includes(p.displayName.toLowerCase()));

	it('lists the events a user looks for, keeping the saved parameter name and values', () => {
		expect(events?.name).toBe('eventSource');
		const options = (events?.options ?? []) as Array<{ value: string; action?: string }>;
		expect(options.map((o) => [o.value, o.action])).toEqual([
			['transaction', 'On payment or refund status changed'],
			['notification', 'On payment or refund status changed (CCV notification)'],
			['orderStatus', 'On Boarding order status changed'],
		]);
	});
});

// Issue 29 #1: n8n evaluates an expression on every webhook call for a typeVersion-1 start node.
describe('CCV Trigger versions (issue 29 #1)', () => {
	it('keeps version 1 for saved workflows and gives new nodes version 2', () => {
		expect(description.version).toEqual([1, 2]);
		expect(description.defaultVersion).toBe(2);
	});

	it('has no parameter n8n reads per call at version 1 ("options.binaryData"), and no webhook field is an expression', () => {
		expect(description.properties.map((p) => p.name)).not.toContain('options');
		for (const webhook of description.webhooks ?? []) {
			for (const value of Object.values(webhook)) expect(String(value).startsWith('=')).toBe(false);
		}
	});
});
