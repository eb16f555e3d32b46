import { runProbe } from './fakeNode';
import { useWire } from '../transport/wire';

// Issue 15 #9: an option that is not a number in range is refused in plain words, before anything is sent.
const wire = useWire();
beforeEach(() => {
	wire.handle(() => ({ status: 200, body: {} }));
});
const FAKE_TEST_KEY = ['t', 'settings', 'fake'].join('_');
const creds = () => ({ apiKey: FAKE_TEST_KEY, baseUrl: wire.url });

describe('run options', () => {
	it.each([
		['maxConcurrency', '={{ "ten" }}', '"Max Concurrency" (under Options) must be a whole number from 1 to 100'],
		['maxConcurrency', '={{ 0 }}', '"Max Concurrency" (under Options) must be a whole number from 1 to 100'],
		['maxConcurrency', '={{ 2.5 }}', '"Max Concurrency" (under Options) must be a whole number from 1 to 100'],
		['maxConcurrency', '={{ "" }}', '"Max Concurrency" (under Options) must be a whole number from 1 to 100'],
		['retries', '={{ "three" }}', '"Retries" (under Options) must be a whole number from 0 to 10'],
		['retries', '={{ -1 }}', '"Retries" (under Options) must be a whole number from 0 to 10'],
		['retries', '={{ 11 }}', '"Retries" (under Options) must be a whole number from 0 to 10'],
		['maxRetryWait', '={{ "a minute" }}', '"Max Retry Wait (Seconds)" (under Options) must be a number from 1 to 600'],
		['maxRetryWait', '={{ 0 }}', '"Max Retry Wait (Seconds)" (under Options) must be a number from 1 to 600'],
	])('%s = %s is refused before anything is sent', async (name, value, message) => {
		const { error, items } = await runProbe(creds(), { options: { [name]: value } }, [{}, {}]);
		expect(items).toEqual([]);
		expect(wire.log).toHaveLength(0);
		expect(error?.message).toBe(message);
		expect(error?.description).toContain('Nothing was sent to CCV');
	});

	it('numbers given as text by an expression are read', async () => {
		const { error, items } = await runProbe(creds(), { options: { maxConcurrency: '={{ "5" }}', retries: '={{ "1" }}', maxRetryWait: '={{ "2" }}' } });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
	});
});
