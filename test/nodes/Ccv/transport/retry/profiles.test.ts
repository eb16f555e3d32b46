import { requestOptionFields } from '../../../../../nodes/Ccv/actions/common.descriptions';
import { RETRY_PROFILES } from '../../../../../nodes/Ccv/transport/retry/profiles';
import { ANSWER_DEADLINE_MS } from '../../../../../nodes/Ccv/trigger/webhook';

describe('retry profiles', () => {
	it('the run profile is what the node\'s options "Retries" and "Max Retry Wait" show by default', () => {
		const defaults = Object.fromEntries(requestOptionFields.map((field) => [field.name, field.default]));
		expect(defaults.retries).toBe(RETRY_PROFILES.run.maxRetries);
		expect(defaults.maxRetryWait).toBe(RETRY_PROFILES.run.maxWaitMs / 1000);
	});

	it('a webhook caller\'s attempts fit in the time the caller waits', () => {
		expect(RETRY_PROFILES.webhookCaller.timeoutMs).toBeLessThanOrEqual(ANSWER_DEADLINE_MS);
	});
});
