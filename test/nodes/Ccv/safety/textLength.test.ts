// Issue 23 #14: the node counted characters one way (code points: an emoji is 1) and the sandbox
// another (UTF-16 units: an emoji is 2), so 40 emoji in a 64-character field passed the node and were
// refused by the sandbox. CCV's pages show Java Bean Validation's wording ("size must be between 1
// and 64", seed 000:736), which counts String.length(), UTF-16 units: the node counts those, the
// sandbox does by default, and the other reading stays a sandbox switch (textLength: 'codepoints').
// The node's length checks run here under both readings.
import { useSandbox } from '../actions/sandboxRun';

const EMOJI = '😀';

describe.each(['utf16', 'codepoints'] as const)('sandbox reading textLength=%s', (textLength) => {
	const t = useSandbox({ textLength });
	const create = (customerReference: string) =>
		t.run({ resource: 'customer', operation: 'create', customerReference, cardLinking: 'keepOpen', options: {} });

	it('40 emoji (80 UTF-16 units) in Customer Reference (at most 64): refused by the node, nothing sent', async () => {
		const { error } = await create(EMOJI.repeat(40));
		expect(t.sb.log).toHaveLength(0);
		expect(error?.message).toBe('Item 1 (index 0): "Customer Reference" must be at most 64 characters (it has 80: CCV counts an emoji as 2)');
	});

	it('32 emoji (64 units) and 64 letters: sent and accepted', async () => {
		for (const reference of [EMOJI.repeat(32), 'a'.repeat(64), `é${'b'.repeat(63)}`]) {
			const { error } = await create(reference);
			expect(error).toBeUndefined();
		}
		expect(t.sb.log.map((e) => e.status)).toEqual([200, 200, 200]);
	});

	it('the sandbox itself counts as its reading says', async () => {
		const answer = await fetch(`${t.sb.url}/api/v1/customer`, {
			method: 'POST',
			headers: { authorization: `Basic ${Buffer.from(`${t.sb.apiKey}:`).toString('base64')}`, 'content-type': 'application/json' },
			body: JSON.stringify({ customerReference: EMOJI.repeat(40), registrationExpiration: 0 }),
		});
		expect(answer.status).toBe(textLength === 'utf16' ? 400 : 200);
	});
});
