import type { ICredentialDataDecryptedObject, IWebhookFunctions } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../transport';

// n8n decrypts a credential and resolves its expressions (in a fresh expression isolate) every time
// a node reads it. A webhook call reads it once per call: measured in n8n 2.41.1, 150-200 ms of each
// call's answer time, 5-7x the lookup at CCV. So the published trigger holds its credential for
// CREDENTIAL_HOLD_MS, as n8n's listening triggers hold theirs while active. Held per workflow, node
// and credential: a node only gets what n8n let it read. An edited credential is used at once where it
// matters: a lookup that fails or finds nothing with a held credential reads it again and, if it
// changed, looks up again (see webhook.ts).

/** How long a read credential is used without reading it again. */
export const CREDENTIAL_HOLD_MS = 60_000;

interface Held {
	data: Promise<ICredentialDataDecryptedObject>;
	readAt: number;
}

const held = new Map<string, Held>();

/** For tests and restarts: forgets every held credential. */
export function forgetHeldCredentials(): void {
	held.clear();
}

function holdKey(ctx: IWebhookFunctions): string | undefined {
	const ref = ctx.getNode().credentials?.[CREDENTIAL_TYPE];
	if (!ref?.id) return undefined;
	const mode = ctx.getMode() === 'manual' ? 'manual' : 'live';
	return [mode, String(ctx.getWorkflow().id ?? ''), ctx.getNode().id, ref.id].join('\n');
}

/** The credential of one call: through the hold, with a way to read it again. */
export class CredentialHold {
	/** Whether this call was given a credential read by an earlier call. */
	usedHeld = false;

	/** The held credential this call was given (JSON), to tell whether a fresh read differs. */
	private given = '';

	/** The CCV credential for this call's client (ClientSettings.readCredential), through the hold. */
	readonly readCredential = async (): Promise<ICredentialDataDecryptedObject> => await this.read(CREDENTIAL_TYPE, []);

	private readonly key: string | undefined;

	constructor(private readonly ctx: IWebhookFunctions) {
		this.key = holdKey(ctx);
	}

	private async fresh(type: string, rest: unknown[]): Promise<ICredentialDataDecryptedObject> {
		const getCredentials = this.ctx.getCredentials.bind(this.ctx) as (t: string, ...r: unknown[]) => Promise<ICredentialDataDecryptedObject>;
		return await getCredentials(type, ...rest);
	}

	private async read(type: string, rest: unknown[]): Promise<ICredentialDataDecryptedObject> {
		if (type !== CREDENTIAL_TYPE || this.key === undefined) return await this.fresh(type, rest);
		const now = Date.now();
		const entry = held.get(this.key);
		if (entry && now - entry.readAt < CREDENTIAL_HOLD_MS) {
			const data = await entry.data;
			this.usedHeld = true;
			this.given = JSON.stringify(data);
			return { ...data };
		}
		return { ...(await this.store(this.fresh(type, rest), now)) };
	}

	private async store(data: Promise<ICredentialDataDecryptedObject>, now: number): Promise<ICredentialDataDecryptedObject> {
		const key = this.key as string;
		const entry: Held = { data, readAt: now };
		held.set(key, entry);
		// A failed read is not held: the next call reads again (the caller gets the error from `data`).
		data.catch(() => {
			if (held.get(key) === entry) held.delete(key);
		});
		return await data;
	}

	/**
	 * Reads the credential again (the held one may be outdated) and holds the fresh one. Returns
	 * whether it differs from what this call was given, i.e. whether a lookup is worth repeating.
	 */
	async refresh(): Promise<boolean> {
		if (!this.usedHeld || this.key === undefined) return false;
		this.usedHeld = false;
		const fresh = await this.store(this.fresh(CREDENTIAL_TYPE, []), Date.now());
		return JSON.stringify(fresh) !== this.given;
	}
}
