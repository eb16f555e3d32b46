// Link References: one text field (issue 18: a list-of-strings field split an expression into single
// characters in the editor), commas split every entry (issue 19 #1), and only text or exact numbers
// are sent (issue 15 #9: an object went out as "[object Object]").
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { description as customerDescription } from '../../../../../nodes/Ccv/actions/customer';
import { useSandbox } from '../sandboxRun';

const t = useSandbox();

const create = (linkReferences: unknown, items?: IDataObject[]) =>
	t.run(
		{ resource: 'customer', operation: 'create', customerReference: 'R', cardLinking: 'keepOpen', additionalFields: { linkReferences } as never },
		items,
	);

const sent = () => (t.sb.log[0]?.body as { linkReferences?: unknown } | undefined)?.linkReferences;

function linkReferenceFields(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((p) => [
		...(p.name === 'linkReferences' ? [p] : []),
		...linkReferenceFields(((p.options ?? []) as INodeProperties[]).filter((o) => 'type' in o)),
	]);
}

describe('the field', () => {
	it('is one text field everywhere, so the editor keeps an expression as one value', () => {
		const fields = linkReferenceFields(customerDescription);
		expect(fields.length).toBeGreaterThanOrEqual(5);
		for (const field of fields) {
			expect(field).toMatchObject({ type: 'string', default: '' });
			expect(field.typeOptions?.multipleValues).toBeFalsy();
		}
	});
});

describe('what is sent', () => {
	it.each<[string, unknown, IDataObject[] | undefined, string[]]>([
		['typed, comma-separated', 'A1, B2 ,C3', undefined, ['A1', 'B2', 'C3']],
		['an expression giving one value', '={{ $json.barcode }}', [{ barcode: '2900000010012' }], ['2900000010012']],
		['an expression giving a comma-separated text', '={{ $json.barcode }}', [{ barcode: 'A1,B2' }], ['A1', 'B2']],
		['an expression giving a list', '={{ $json.codes }}', [{ codes: ['A1', 'B2'] }], ['A1', 'B2']],
		['a list entry whose expression gives "A1,B2" stays one (issue 28 #7: a list is never split)', ['LOY-1002', '={{ $json.more }}'], [{ more: 'A1,B2' }], ['LOY-1002', 'A1,B2']],
		['a barcode given as a number', '={{ $json.code }}', [{ code: 2900000010012 }], ['2900000010012']],
	])('%s', async (_name, value, items, expected) => {
		const { error } = await create(value, items);
		expect(error).toBeUndefined();
		expect(sent()).toEqual(expected);
	});

	it('an expression giving nothing sends no link references', async () => {
		const { error } = await create('={{ $json.missing }}', [{}]);
		expect(error).toBeUndefined();
		expect(sent()).toBeUndefined();
	});
});

describe('what is refused, before anything is sent', () => {
	it.each<[string, unknown, string]>([
		['an object', { code: 'A1' }, '"Link References" is an object ({...}): give text or a number'],
		['an object in a list', ['A1', { code: 'B2' }], '"Link References" (entry 2) is an object ({...}): give text or a number'],
		['true/false', true, '"Link References" is true/false (true): give text or a number'],
		['a number too long to be exact', 2 ** 64, '"Link References" is the number 18446744073709552000, too long to be exact: give it as text'],
		['the same reference twice', 'A1, B2, A1', '"Link References" has "A1" twice: each link reference can be given once'],
		['a reference of 65 characters', 'x'.repeat(65), '"Link References" (entry 1) must be at most 64 characters (it has 65)'],
		['26 references', Array.from({ length: 26 }, (_, k) => `r${k}`).join(','), '"Link References" can hold at most 25 link references (this would make 26)'],
	])('%s', async (_name, value, problem) => {
		const { error } = await create('={{ $json.value }}', [{ value } as IDataObject]);
		expect(error?.message).toBe(`Item 1 (index 0): ${problem}`);
		expect(t.sb.log).toEqual([]);
	});
});
