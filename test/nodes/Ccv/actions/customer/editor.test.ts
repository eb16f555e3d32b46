// Issue 19 #6 #7 #8: what the Customer panels say, and issue 15 #12: every operation here checks an
// item (prepare) before anything is sent.
import type { INodeProperties } from 'n8n-workflow';

import * as card from '../../../../../nodes/Ccv/actions/card';
import * as customer from '../../../../../nodes/Ccv/actions/customer';
import * as mandate from '../../../../../nodes/Ccv/actions/mandate';
import * as order from '../../../../../nodes/Ccv/actions/order';
import { useSandbox, byId } from '../sandboxRun';

const t = useSandbox();

const forOperation = (properties: INodeProperties[], operation: string) =>
	properties.filter((p) => p.displayOptions?.show?.operation?.includes(operation));

describe('the Customer field', () => {
	const locators = [...customer.description, ...card.description].filter((p) => p.type === 'resourceLocator');

	// Issue 27 #7: n8n's mode box shows about 7 characters ("External ID" was cut to "External").
	it('offers "Your ID" and "CCV ID" (no mode named "id", which n8n would show as "By ID"), labels that fit the mode box', () => {
		expect(locators.length).toBe(7);
		for (const locator of locators) {
			expect(locator.modes?.map((m) => [m.name, m.displayName])).toEqual([
				['externalId', 'Your ID'],
				['ccvId', 'CCV ID'],
			]);
			for (const mode of locator.modes ?? []) expect(mode.displayName.length).toBeLessThanOrEqual(7);
		}
	});

	it('workflows saved with the old mode name "id" still work', async () => {
		const { items } = await t.run({ resource: 'customer', operation: 'create', customerReference: 'R', cardLinking: 'keepOpen' });
		const id = items[0].json.id as string;
		t.sb.clearLog();
		const { error } = await t.run({ resource: 'customer', operation: 'get', customer: byId(id) });
		expect(error).toBeUndefined();
		expect(t.sb.log.map((e) => e.path)).toEqual([`/api/v1/customer/${id}`]);
	});
});

describe('Customer > Update', () => {
	const update = forOperation(customer.description, 'update');

	it('names the Update Fields as the new values, apart from the lookup', () => {
		const fields = update.find((p) => p.name === 'updateFields')?.options as INodeProperties[];
		expect(fields.map((f) => f.displayName)).toEqual(['New Customer Reference', 'New External ID', 'New Link References']);
	});

	it('sets Replace Entire Customer apart from the retry options, with a warning shown when chosen', () => {
		const options = update.find((p) => p.name === 'options')?.options as INodeProperties[];
		expect(options.map((o) => o.name)).not.toContain('replace');
		const mode = update.find((p) => p.name === 'updateMode');
		expect(mode).toMatchObject({ type: 'options', default: 'merge' });
		expect((mode?.options as Array<{ value: string; name: string }>).map((o) => o.value)).toEqual(['merge', 'replace']);
		const warning = update.find((p) => p.type === 'notice');
		expect(warning?.displayOptions?.show?.updateMode).toEqual(['replace']);
		expect(warning?.displayName).toContain('erases');
		// Not among the request options: it comes before them.
		expect(update.indexOf(mode!)).toBeLessThan(update.findIndex((p) => p.name === 'options'));
	});
});

describe('every customer, card, mandate and order-submit operation has prepare', () => {
	const modules = [
		...Object.entries(customer.operations).map(([name, op]) => [`customer.${name}`, op] as const),
		...Object.entries(card.operations).map(([name, op]) => [`card.${name}`, op] as const),
		...Object.entries(mandate.operations).map(([name, op]) => [`mandate.${name}`, op] as const),
		['order.submit', order.operations.submit] as const,
	];
	it.each(modules)('%s', (_name, op) => {
		expect(typeof op.prepare).toBe('function');
	});
});
