import { createHash } from 'crypto';

import { NodeOperationError } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, ICredentialsDecrypted } from 'n8n-workflow';

import { seeFix } from '../helpers/fixLinks';
import { baseUrlOf, liveKeyOverHttp, sendsLiveKeyInsecurely } from '../rules';
import type { CcvApiName } from '../rules';
import { credentialSecrets, secretForms } from './redact';
import type { RequestContext } from './request';

// What the transport needs from the CCV credential, read once per execution. The rules themselves
// (base URLs, which key goes where, live keys only over https) are in nodes/Ccv/rules.

export const CREDENTIAL_TYPE = 'ccvApi';

export interface CredentialFacts {
	payment: string;
	boarding: string;
	/** Every form of the keys (raw, base64 as in Basic auth, URL-encoded) to mask (see redact). */
	forms: string[];
	/**
	 * Handed to n8n with every request: otherwise n8n loads the credential from its database and
	 * decrypts it again for each request, which costs more CPU than the request in a bulk run.
	 */
	credential: ICredentialsDecrypted;
}

export function credentialFactsOf(ctx: RequestContext, data: ICredentialDataDecryptedObject): CredentialFacts {
	const ref = ctx.getNode().credentials?.[CREDENTIAL_TYPE];
	return {
		payment: baseUrlOf('payment', data),
		boarding: baseUrlOf('boarding', data),
		forms: secretForms(credentialSecrets(data)),
		credential: { id: ref?.id ?? '', name: ref?.name ?? '', type: CREDENTIAL_TYPE, data },
	};
}

/**
 * Which CCV account and address the credential talks to, as a hash of the API key and base URL (never
 * the key itself): memories of what was sent belong to one account (helpers/idempotency.ts).
 */
export function accountIdOf(facts: CredentialFacts): string {
	const key = String(facts.credential.data?.apiKey ?? '');
	return createHash('sha256').update(`${key}\n${facts.payment}`).digest('hex').slice(0, 32);
}

/** The base URL a request for `api` goes to; throws when it has none, or when a live key would go over plain http. */
export function baseUrlFor(ctx: RequestContext, facts: CredentialFacts, api: CcvApiName, itemIndex?: number): string {
	const base = api === 'boarding' ? facts.boarding : facts.payment;
	if (!base) {
		throw new NodeOperationError(ctx.getNode(), 'The CCV credential has no Boarding API Base URL', {
			itemIndex,
			description:
				`Order operations use CCV's Boarding API, which has its own address. Open the CCV credential and fill in "Boarding API Base URL" (CCV gives it to reseller partners). ${seeFix('credential')}`,
		});
	}
	if (sendsLiveKeyInsecurely(api, base, facts.credential.data ?? {})) {
		const { message, description } = liveKeyOverHttp(api);
		throw new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
	}
	return base;
}
