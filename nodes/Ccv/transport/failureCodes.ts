// CCV's failure codes (Payment API, Error Handling) in plain words for ops staff.
// Keys in lower case: CCV writes them lower case on its error page but upper case elsewhere
// (seed 004: UNSUFFICIENT_BALANCE), so look them up with failureCodeMeaning, not by key.
export const FAILURE_CODE_MEANINGS: Record<string, string> = {
	expired: 'The transaction expired at the payment method (for example iDEAL or PayPal).',
	processing_error: 'CCV could not process the transaction.',
	invalid_config: 'The merchant or payment method is not configured correctly at CCV.',
	cancelled: 'The transaction was cancelled by the customer or the merchant.',
	unsufficient_balance:
		'The refund was refused because your balance at CCV for this payment method is too low.',
	fraud_detected: 'The transaction was refused by fraud prevention.',
	rejected: 'The transaction was manually reviewed and rejected.',
	unknown_reference: 'CCV does not know this reference. Check the payment reference.',
	refund_limit:
		'The refund limit for this payment is reached (by default 120% of the original amount): no further refunds are allowed.',
	unsupported_currency: 'The currency is not supported.',
	qr_failed: 'There was a problem with the QR code.',
	card_refused: 'The card issuer refused the transaction.',
	insufficient_funds: 'The customer has insufficient funds.',
	vault_token_expired: 'The vault access token, or the card behind it, has expired.',
	amount_limit_exceeded: 'The amount is above the configured limit.',
	bad_credentials: 'The API key is not accepted by CCV.',
	authentication_failed: 'The customer did not pass authentication.',
	duplicate_request:
		'This action can only be done once and was already done (for example a second reversal).',
	original_transaction_archived:
		'The original transaction is archived, so it can no longer be refunded or reversed.',
	soft_declined: 'The transaction failed because additional authentication could not be performed.',
};

/** A few words for the error's headline: "CCV refused the refund: <this>". */
export const FAILURE_CODE_HEADLINES: Record<string, string> = {
	expired: 'it expired at the payment method',
	processing_error: 'CCV could not process it',
	invalid_config: 'the merchant or payment method is not set up correctly at CCV',
	cancelled: 'it was cancelled',
	unsufficient_balance: 'your balance at CCV is too low',
	fraud_detected: 'fraud prevention refused it',
	rejected: 'it was reviewed and rejected',
	unknown_reference: 'the reference is not known at CCV',
	refund_limit: 'it would exceed the refund limit',
	unsupported_currency: 'the currency is not supported',
	qr_failed: 'the QR code failed',
	card_refused: 'the card issuer refused it',
	insufficient_funds: 'the customer has insufficient funds',
	vault_token_expired: 'the vault access token or its card has expired',
	amount_limit_exceeded: 'the amount is above the configured limit',
	bad_credentials: 'the API key is not accepted',
	authentication_failed: 'the customer did not pass authentication',
	duplicate_request: 'it was already done',
	original_transaction_archived: 'the original transaction is archived',
	soft_declined: 'additional authentication could not be performed',
};

function lookUp(table: Record<string, string>, code: unknown): string | undefined {
	if (typeof code !== 'string') return undefined;
	const key = code.trim().toLowerCase();
	return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/** The plain-words meaning of a failure code, whatever its case (refund_limit, UNSUFFICIENT_BALANCE). */
export function failureCodeMeaning(code: unknown): string | undefined {
	return lookUp(FAILURE_CODE_MEANINGS, code);
}

export function failureCodeHeadline(code: unknown): string | undefined {
	return lookUp(FAILURE_CODE_HEADLINES, code);
}
