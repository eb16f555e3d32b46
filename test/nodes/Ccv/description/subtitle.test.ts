// The canvas subtitle in words ("Get many customers", "Refund a payment"). n8n's verification scan
// (which ignores inline eslint-disable comments) demands a string literal for `subtitle`, so the node
// holds the expression as a literal; this test rebuilds it from each operation's action text, so the
// literal can never drift from the operations it names.
import { Ccv } from '../../../../nodes/Ccv/Ccv.node';

function expectedSubtitle(): string {
	const actions: Record<string, string> = {};
	for (const property of new Ccv().description.properties) {
		if (property.name !== 'operation') continue;
		for (const resource of property.displayOptions?.show?.resource ?? []) {
			for (const option of property.options ?? []) {
				if ('value' in option && 'action' in option && typeof option.action === 'string') {
					actions[`${String(resource)}.${String(option.value)}`] = option.action;
				}
			}
		}
	}
	return `={{ (${JSON.stringify(actions)})[$parameter["resource"] + "." + $parameter["operation"]] || "" }}`;
}

describe('node subtitle', () => {
	it('names every operation in words, exactly as its action text says', () => {
		expect(new Ccv().description.subtitle).toBe(expectedSubtitle());
	});

	it('covers all 23 operations', () => {
		const literal = new Ccv().description.subtitle as string;
		const map = JSON.parse(literal.slice(literal.indexOf('(') + 1, literal.indexOf(')[')));
		expect(Object.keys(map)).toHaveLength(23);
	});
});
