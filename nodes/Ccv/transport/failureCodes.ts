// CCV's failure codes (Payment API, Error Handling) in plain words for ops staff.
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
