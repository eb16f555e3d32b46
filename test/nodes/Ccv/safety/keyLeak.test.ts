import { runProbe } from '../router/fakeNode';
import { useWire } from '../transport/wire';
import { expectNoSecret } from './secretSearch';

// Issue 15 #8: a server (CCV or a proxy) that echoes the API key in its error must not get it into
// any output, error field, Continue On Fail item or the execution's run data, in any form.
// A made-up test key with characters that URL-encoding and base64 change.
const KEY = ['t', 'leak+key/=Fake1234'].join('_');
const forms = {
	raw: KEY,
	basic: Buffer.from(`${KEY}:`).toString('base64'),
	urlEncoded: encodeURIComponent(KEY),
	basicUrlEncoded: encodeURIComponent(Buffer.from(`${KEY}:`).toString('base64')),
};

const wire = useWire();

const expectNoKey = (where: string, value: unknown) => expectNoSecret(forms, where, value);

const echo = (req: { headers: Record<string, unknown> }) => {
	const auth = String(req.headers.authorization ?? '');
	const b64 = auth.replace(/^Basic /, '');
	return {
		type: 'input_error',
		message: `Invalid key ${KEY} (${auth})`,
		field: 'apiKey',
		fields: [
			{ field: 'apiKey', message: `got ${encodeURIComponent(KEY)}` },
			{ field: 'authorization', message: `got ${encodeURIComponent(b64)}` },
		],
		reference: b64,
		failureCode: 'bad_credentials',
		nested: { deeper: [{ echoed: KEY, header: auth }], url: `https://x/?key=${encodeURIComponent(KEY)}` },
	};
};

describe.each([400, 401, 500, 404, 409])('a server echoing the key in a %d error body', (status) => {
	const answer = (req: { headers: Record<string, unknown> }) =>
		status === 404 ? { status, body: `<html>key ${KEY} ${String(req.headers.authorization)}</html>` } : { status, body: echo(req) };

	it('the key is in no error field and not in the run data', async () => {
		wire.handle((req) => answer(req));
		const { error, items, runData } = await runProbe({ apiKey: KEY, baseUrl: wire.url }, { options: { retries: 0 } });
		expect(wire.log.length).toBeGreaterThan(0);
		expect(String(wire.log[0].headers.authorization)).toContain(forms.basic); // the server did get it
		expect(error).toBeDefined();
		expectNoKey('error', error);
		expectNoKey('items', items);
		expectNoKey('runData', runData);
		expectNoKey('runData as JSON', JSON.stringify(runData));
	});

	it('under Continue On Fail, the key is in no item and not in the run data; CCV\'s error object stays', async () => {
		wire.handle((req) => answer(req));
		const { error, items, runData } = await runProbe({ apiKey: KEY, baseUrl: wire.url }, { options: { retries: 0 } }, [{}, {}], {
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expectNoKey('items', items);
		expectNoKey('runData', JSON.stringify(runData));
		if (status !== 404) expect(items[0].json.ccvError).toMatchObject({ type: 'input_error', field: 'apiKey', failureCode: 'bad_credentials' });
	});
});

it('a success answer echoing the key does not carry it into the output', async () => {
	wire.handle((req) => ({ status: 200, body: { echoed: KEY, auth: String(req.headers.authorization) } }));
	const { items, runData } = await runProbe({ apiKey: KEY, baseUrl: wire.url }, {});
	expectNoKey('items', items);
	expectNoKey('runData', JSON.stringify(runData));
});
