import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

// Boarding API paths all live under this prefix; everything else is the Payment API.
const BOARDING_PATH = '/api/ordercompletion/';

/** Test or live, as the key's prefix says (CCV: t_ test keys, l_ live keys); undefined for any other key. */
export function keyEnvironment(key: string): 'test' | 'live' | undefined {
	if (key.startsWith('t_')) return 'test';
	if (key.startsWith('l_')) return 'live';
	return undefined;
}

// http:// only for a receiver on this machine (tests, the CCV sandbox): CCV itself calls https:// only.
const WEBHOOK_URL = /^(https:\/\/[^\s/?#]+|http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?)([/?#]\S*)?$/i;

/**
 * What is wrong with the credential, checked before every request (the credential test too), so a
 * live key never runs under a credential marked Test, nor a test key under one marked Live.
 */
export function credentialProblem(credentials: ICredentialDataDecryptedObject): string | undefined {
	const keyIs = keyEnvironment(String(credentials.apiKey ?? ''));
	const marked = credentials.environment;
	if (marked === 'test' && keyIs === 'live') {
		return 'The API key is a LIVE key (l_...) but Environment is "Test". Set Environment to "Live (Real Money)" if you mean to move real money, or use a test key (t_...).';
	}
	if (marked === 'live' && keyIs === 'test') {
		return 'The API key is a test key (t_...) but Environment is "Live (Real Money)". Set Environment to "Test" or use your live key (l_...).';
	}
	const webhookUrl = String(credentials.defaultWebhookUrl ?? '').trim();
	if (webhookUrl !== '' && !WEBHOOK_URL.test(webhookUrl)) {
		return 'Default Webhook URL must be an https:// address (CCV calls only https://), e.g. the CCV Trigger\'s Production URL.';
	}
	return undefined;
}

function basicAuthHeader(key: string): string {
	// CCV: username = API key, empty password ("<key>:" base64-encoded).
	return 'Basic ' + Buffer.from(`${key}:`, 'utf8').toString('base64');
}

export class CcvApi implements ICredentialType {
	name = 'ccvApi';

	displayName = 'CCV API';

	icon = { light: 'file:../icons/ccv.svg', dark: 'file:../icons/ccv.dark.svg' } as const;

	documentationUrl = 'https://developer.myccv.eu/documentation/payment_api/general/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Your CCV Online Payments API key. Keys starting with t_ are test keys (CCV Lab, no real money); keys starting with l_ are live keys.',
			hint: 'A t_ key works in CCV\'s test environment (CCV Lab): no real money moves. An l_ key moves real money.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			default: 'test',
			options: [
				{ name: 'Test', value: 'test', description: 'CCV Lab with a t_ key: no real money moves' },
				{ name: 'Live (Real Money)', value: 'live', description: 'A live l_ key: payments, refunds and deletions are real' },
			],
			description:
				'Must match the key: t_ keys are Test, l_ keys are Live. A mismatch stops every request before anything is sent.',
		},
		// One orange warning for a live credential (Environment Live), one for a live key under Environment
		// Test (refused before anything is sent); a test key gets the API Key's neutral grey hint only.
		{
			displayName:
				'LIVE credential: payments, refunds and deletions made with it are real and move real money. Try your workflow with a test credential (t_ key) first.',
			name: 'liveEnvironmentNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { environment: ['live'] } },
		},
		{
			displayName:
				'This is a LIVE key (l_...), but Environment is "Test": every request stops until you set Environment to "Live (Real Money)" or use a test key (t_...).',
			name: 'liveKeyNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { apiKey: [{ _cnd: { startsWith: 'l_' } }] }, hide: { environment: ['live'] } },
		},
		{
			displayName: 'Payment API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.psp.ccv.eu',
			required: true,
			description:
				'Where the CCV Payment API lives. Keep the default for CCV; change it only for a CCV test host or the local CCV sandbox (e.g. http://127.0.0.1:4010).',
		},
		{
			displayName: 'Default Webhook URL',
			name: 'defaultWebhookUrl',
			type: 'string',
			default: '',
			placeholder: 'https://n8n.example.com/webhook/…/webhook?token=…',
			description:
				'Optional. Every payment, refund, capture and reversal created with this credential gets this as its webhook URL unless the item sets one, so the CCV Trigger hears about each of them. Use the CCV Trigger\'s Production URL (https:// only; add ?token=… if the trigger has a Shared Token).',
		},
		{
			displayName: 'Boarding API Base URL',
			name: 'boardingBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://...',
			description:
				'Only needed for the Order operations (CCV Boarding API, for resellers). CCV gives partners this address; CCV does not publish it. Leave empty if you do not submit orders.',
		},
		{
			displayName: 'Boarding API Authentication',
			name: 'boardingAuth',
			type: 'options',
			default: 'basic',
			options: [
				{
					name: 'Basic (Same as Payment API)',
					value: 'basic',
					description: 'HTTP Basic with the Boarding key (or the API key above) as user name',
				},
				{
					name: 'API Key Header',
					value: 'header',
					description: 'Send the Boarding key in a header you name',
				},
				{
					name: 'Bearer Token',
					value: 'bearer',
					description: 'Send the Boarding key as "Authorization: Bearer ..."',
				},
			],
			description:
				'CCV does not document how the Boarding API authenticates; pick what CCV told you',
		},
		{
			displayName: 'Boarding Key',
			name: 'boardingApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Leave empty to use the API key above for the Boarding API too',
		},
		{
			displayName: 'Boarding Header Name',
			name: 'boardingHeaderName',
			type: 'string',
			default: 'X-API-Key',
			displayOptions: { show: { boardingAuth: ['header'] } },
			description: 'The header that carries the Boarding key',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const problem = credentialProblem(credentials);
		if (problem !== undefined) throw new Error(problem);
		const url = String(requestOptions.url ?? '');
		const headers = { ...(requestOptions.headers ?? {}) };
		const apiKey = String(credentials.apiKey ?? '');
		if (!url.includes(BOARDING_PATH)) {
			headers.Authorization = basicAuthHeader(apiKey);
			return { ...requestOptions, headers };
		}
		const key = String(credentials.boardingApiKey || apiKey);
		const mode = String(credentials.boardingAuth || 'basic');
		if (mode === 'header') {
			headers[String(credentials.boardingHeaderName || 'X-API-Key')] = key;
		} else if (mode === 'bearer') {
			headers.Authorization = `Bearer ${key}`;
		} else {
			headers.Authorization = basicAuthHeader(key);
		}
		return { ...requestOptions, headers };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/api/v1/method',
			method: 'GET',
			headers: { Accept: 'application/json' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: { value: 401, message: 'API key is invalid or expired' },
			},
		],
	};
}
