import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

// Boarding API paths all live under this prefix; everything else is the Payment API.
const BOARDING_PATH = '/api/ordercompletion/';

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
		},
		{
			displayName:
				'Test key: requests run in CCV\'s test environment (CCV Lab). No real money moves.',
			name: 'testKeyNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { apiKey: [{ _cnd: { startsWith: 't_' } }] } },
		},
		{
			displayName:
				'Live key: payments, refunds and deletions made with this credential are real and move real money. Try your workflow with a test key (t_...) first.',
			name: 'liveKeyNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { apiKey: [{ _cnd: { startsWith: 'l_' } }] } },
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
