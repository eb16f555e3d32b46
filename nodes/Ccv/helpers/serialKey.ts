import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * A serial key from one parameter's value: items about the same payment, mandate or customer run
 * one after the other, in input order. The executor treats a key it cannot read as "no key".
 */
export function parameterKey(ctx: IExecuteFunctions, i: number, prefix: string, parameter: string): string | undefined {
	const value = String(ctx.getNodeParameter(parameter, i, '') ?? '').trim();
	return value ? `${prefix}:${value}` : undefined;
}
