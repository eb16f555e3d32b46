// `payoutInstructions` (split payout, seed 004:535-541): [{externalReference?, amount}], amounts in cents.
import type { TxRecord } from './store';
import { Fields, type Body } from './validate';

export function readPayoutInstructions(f: Fields): TxRecord['payoutInstructions'] {
	const value = f.body.payoutInstructions;
	if (value === undefined || value === null) return undefined;
	if (!Array.isArray(value)) {
		f.add('payoutInstructions', 'must be an array');
		return undefined;
	}
	return value.map((entry: unknown, i) => {
		const sub = new Fields(typeof entry === 'object' && entry !== null ? (entry as Body) : {});
		const amountCents = sub.amount('amount', { required: true });
		const externalReference = sub.string('externalReference', { max: 255 });
		for (const e of sub.errors) f.add(`payoutInstructions[${i}].${e.field}`, e.message);
		return { ...(externalReference !== undefined ? { externalReference } : {}), amountCents: amountCents ?? 0 };
	});
}
