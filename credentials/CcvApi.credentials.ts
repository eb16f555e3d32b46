import type {
	IDataObject,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import {
	CCV_PAYMENT_BASE_URL,
	WEBHOOK_URL,
	NOTIFICATION_URL,
	apiOfUrl,
	baseUrlOf,
	environmentProblem,
	keyFor,
	liveKeyOverHttp,
	loopbackFor,
	sendsLiveKeyInsecurely,
	trimSlash,
	webhookUrlProblem,
} from '../nodes/Ccv/rules';

// The rules (key environment, callback addresses, which API a request is for) live in
// nodes/Ccv/rules, shared with the transport and the item checks.
export { keyEnvironment } from '../nodes/Ccv/rules';

/**
 * What is wrong with the credential, checked before every request (the credential test too), so a
 * live key never runs under a credential marked Test, nor a test key under one marked Live.
 */
export function credentialProblem(credentials: ICredentialDataDecryptedObject): string | undefined {
	const mismatch = environmentProblem(credentials);
	if (mismatch !== undefined) return mismatch;
	const webhookUrl = String(credentials.defaultWebhookUrl ?? '').trim();
	if (webhookUrl === '') return undefined;
	const problem = webhookUrlProblem(webhookUrl, { ...WEBHOOK_URL, loopback: loopbackFor(baseUrlOf('payment', credentials)) });
	if (problem?.kind === 'scheme') {
		return 'Default Webhook URL must be an https:// address (CCV calls only https://), e.g. the CCV Trigger\'s Production URL.';
	}
	return problem ? `Default Webhook URL ${problem.message}.` : undefined;
}

/** The whole address a request goes to (n8n's credential test gives the base URL apart). */
function fullUrl(options: IHttpRequestOptions): string {
	const url = String(options.url ?? '');
	if (/^[a-z][a-z0-9+.-]*:/i.test(url) || !options.baseURL) return url;
	return trimSlash(String(options.baseURL)) + url;
}

/**
 * Last check before anything leaves, for every request (the node's and n8n's credential test): a
 * live key never goes over plain http, and a callback address on this machine only to the local
 * sandbox (the item checks say so first, naming the item; this catches any request they did not).
 */
function requestProblem(credentials: ICredentialDataDecryptedObject, options: IHttpRequestOptions, url: string): string | undefined {
	const api = apiOfUrl(url, credentials);
	if (sendsLiveKeyInsecurely(api, url, credentials)) {
		const { message, description } = liveKeyOverHttp(api);
		return `${message}. ${description}`;
	}
	const body = options.body;
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const loopback = loopbackFor(baseUrlOf(api, credentials));
	const checks: Array<[string, unknown, typeof WEBHOOK_URL]> = [
		['Webhook URL', (body as IDataObject).webhookUrl, WEBHOOK_URL],
		['Status Notification URL', ((body as IDataObject).statusNotificationInformation as IDataObject | undefined)?.notificationUrl, NOTIFICATION_URL],
	];
	for (const [label, value, rule] of checks) {
		if (typeof value !== 'string') continue;
		const problem = webhookUrlProblem(value, { ...rule, loopback });
		if (problem) return `"${label}" ${problem.message}. Nothing was sent to CCV.`;
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
			default: CCV_PAYMENT_BASE_URL,
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
		const url = fullUrl(requestOptions);
		const problem = credentialProblem(credentials) ?? requestProblem(credentials, requestOptions, url);
		if (problem !== undefined) throw new Error(problem);
		const headers = { ...(requestOptions.headers ?? {}) };
		if (apiOfUrl(url, credentials) === 'payment') {
			headers.Authorization = basicAuthHeader(keyFor('payment', credentials));
			return { ...requestOptions, headers };
		}
		const key = keyFor('boarding', credentials);
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
