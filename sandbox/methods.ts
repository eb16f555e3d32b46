// The payment methods this sandbox merchant has, as `GET /api/v1/method` lists them (the shape
// CCV's PHP library reads: `method` plus `options` of brands or iDEAL issuers).
export const METHODS: Array<{ method: string; options?: Array<Record<string, string>> }> = [
	{
		method: 'card',
		options: [{ brand: 'visa' }, { brand: 'mastercard' }, { brand: 'maestro' }, { brand: 'amex' }, { brand: 'bcmc' }],
	},
	{
		method: 'ideal',
		options: [
			{ issuerid: 'INGBNL2A', issuerdescription: 'ING', grouptype: 'Bank', group: 'Nederland' },
			{ issuerid: 'RABONL2U', issuerdescription: 'Rabobank', grouptype: 'Bank', group: 'Nederland' },
			{ issuerid: 'ABNANL2A', issuerdescription: 'ABN AMRO', grouptype: 'Bank', group: 'Nederland' },
		],
	},
	{ method: 'paypal' },
	{ method: 'applepay' },
	{ method: 'googlepay' },
	{ method: 'klarna' },
	{ method: 'payconiq' },
	{ method: 'banktransfer' },
	{ method: 'landingpage' },
	{ method: 'terminal' },
	{ method: 'softpos' },
];

export const METHOD_NAMES = METHODS.map((m) => m.method);
export const CARD_BRANDS = ['visa', 'mastercard', 'maestro', 'amex', 'bcmc'];
export const CURRENCIES = ['eur', 'gbp', 'usd', 'chf', 'dkk', 'nok', 'sek', 'pln', 'czk'];
/** Methods whose authorisations can be reversed (REFERENCE §8); terminal also sale and capture. */
export const REVERSIBLE_METHODS = ['applepay', 'card', 'googlepay', 'klarna', 'terminal'];
/** Refunds are allowed for every method except these (seed 004). */
export const NOT_REFUNDABLE_METHODS = ['landingpage', 'token', 'vault'];
