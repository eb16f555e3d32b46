import { NodeOperationError } from 'n8n-workflow';
import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/**
 * Guard-rails for the CCV node when an AI agent runs it as a tool. n8n turns a `usableAsTool` node
 * into a tool node whose type ends in "Tool" (e.g. CUSTOM.ccvTool) and runs the node's own execute
 * with the agent's arguments, filling `$fromAI()` parameters from them. An agent, or a prompt
 * injected into what it reads, could then refund, charge or delete. So operations that move money or
 * delete are refused unless the workflow author allowed them on that node, and an optional maximum
 * amount bounds each call. Reads stay open. Outside an agent nothing changes.
 */

export type GuardedKind = 'money' | 'delete';

/** Where an item's amount is: an explicit Full/Partial choice, a plain amount, or always the full amount. */
type AmountSource = { choice?: string; amount?: string; alwaysFull?: true };

interface GuardedOperation {
	kind: GuardedKind;
	/** In words, for the refusal: "refund a payment". */
	action: string;
	amount?: AmountSource;
}

export const GUARDED_OPERATIONS: Record<string, Record<string, GuardedOperation>> = {
	payment: {
		create: { kind: 'money', action: 'start a payment', amount: { amount: 'amount' } },
		capture: { kind: 'money', action: 'capture an authorisation', amount: { choice: 'amountToCapture', amount: 'amount' } },
		reversal: { kind: 'money', action: 'reverse a payment', amount: { alwaysFull: true } },
	},
	refund: {
		create: { kind: 'money', action: 'refund a payment', amount: { choice: 'amountToRefund', amount: 'amount' } },
	},
	customer: {
		delete: { kind: 'delete', action: 'delete a customer' },
	},
	card: {
		delete: { kind: 'delete', action: 'delete a card' },
		deleteAll: { kind: 'delete', action: 'delete all cards of a customer' },
	},
};

export const ALLOW_PARAMETER = 'aiAgentAllowed';
export const MAX_AMOUNT_PARAMETER = 'aiAgentMaxAmount';

export function guardedOperation(resource: string, operation: string): GuardedOperation | undefined {
	return GUARDED_OPERATIONS[resource]?.[operation];
}

/** n8n runs a node as an agent's tool under its tool type: the node type name ends in "Tool". */
export function isRunningAsTool(ctx: Pick<IExecuteFunctions, 'getNode'>): boolean {
	return /Tool$/.test(ctx.getNode().type);
}

/** The amount of one call: cents, 'full' (not known before sending), or a text that is no plain amount. */
export type CallAmount = { cents: bigint; shown: string } | 'full' | { invalid: string };

const PLAIN_AMOUNT = /^(\d{1,15})(?:\.(\d{1,2}))?$/;

export function parseAmount(value: unknown): { cents: bigint; shown: string } | undefined {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	const match = PLAIN_AMOUNT.exec(text);
	if (!match) return undefined;
	const cents = BigInt(match[1]) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
	return { cents, shown: text };
}

export interface GuardInput {
	resource: string;
	operation: string;
	/** The author's switch on this node (off by default). */
	allowed: boolean;
	/** The author's maximum per call, as typed ('' or undefined = no maximum). */
	maxAmount?: unknown;
	/** Each item's amount, for money operations. */
	amounts: CallAmount[];
}

/** Undefined when the call may go ahead; otherwise why not, in words the author and the agent understand. */
export function toolGuardRefusal(input: GuardInput): { message: string; description: string } | undefined {
	const guarded = guardedOperation(input.resource, input.operation);
	if (!guarded) return undefined;
	if (!input.allowed) {
		return {
			message: `Refused: an AI agent may not ${guarded.action} with this CCV node`,
			description:
				guarded.kind === 'money'
					? 'This operation moves money, so it is off for AI agents by default. Nothing was sent to CCV. The workflow author can allow it on this node with "Allow When an AI Agent Calls It" (and set "Max Amount per AI Agent Call").'
					: 'This operation deletes data in CCV, so it is off for AI agents by default. Nothing was sent to CCV. The workflow author can allow it on this node with "Allow When an AI Agent Calls It".',
		};
	}
	if (guarded.kind !== 'money') return undefined;
	const maxText = typeof input.maxAmount === 'number' ? String(input.maxAmount) : String(input.maxAmount ?? '').trim();
	if (maxText === '') return undefined;
	const max = parseAmount(maxText);
	if (!max) {
		return {
			message: `Refused: "Max Amount per AI Agent Call" is "${maxText}", which is not an amount`,
			description: 'Nothing was sent to CCV. Write the maximum with a dot and at most 2 decimals (e.g. 50.00), or leave it empty for no maximum.',
		};
	}
	for (const [index, amount] of input.amounts.entries()) {
		const item = `Item ${index + 1} (index ${index})`;
		if (amount === 'full') {
			return {
				message: `Refused: ${item} asks to ${guarded.action} for the full amount while AI agent calls are limited to ${max.shown}`,
				description:
					'The full amount is not known before sending, so it cannot be checked against "Max Amount per AI Agent Call". Nothing was sent to CCV. The agent can give a partial amount up to the maximum, or the workflow author can clear the maximum.',
			};
		}
		if ('invalid' in amount) {
			return {
				message: `Refused: ${item} has the amount "${amount.invalid}", which cannot be checked against the maximum of ${max.shown}`,
				description: 'Nothing was sent to CCV. The amount must have a dot and at most 2 decimals (e.g. 19.99).',
			};
		}
		if (amount.cents > max.cents) {
			return {
				message: `Refused: ${item} asks to ${guarded.action} for ${amount.shown}, above the maximum of ${max.shown} per AI agent call`,
				description: 'Nothing was sent to CCV. The workflow author set "Max Amount per AI Agent Call" on this node.',
			};
		}
	}
	return undefined;
}

function readAmount(ctx: IExecuteFunctions, i: number, source: AmountSource): CallAmount {
	if (source.alwaysFull) return 'full';
	if (source.choice && ctx.getNodeParameter(source.choice, i, 'partial') === 'full') return 'full';
	const value = ctx.getNodeParameter(source.amount ?? 'amount', i, '');
	return parseAmount(value) ?? { invalid: String(value ?? '') };
}

/**
 * Call once per execution, before any item is prepared or sent: throws when the node runs as an
 * agent's tool and the operation is not allowed (or an item is over the maximum). Does nothing
 * outside an agent and for reads.
 */
export function enforceToolGuard(ctx: IExecuteFunctions, resource: string, operation: string): void {
	if (!isRunningAsTool(ctx)) return;
	const guarded = guardedOperation(resource, operation);
	if (!guarded) return;
	const allowed = ctx.getNodeParameter(ALLOW_PARAMETER, 0, false) === true;
	const maxAmount = allowed && guarded.kind === 'money' ? ctx.getNodeParameter(MAX_AMOUNT_PARAMETER, 0, '') : '';
	const amounts =
		allowed && guarded.amount && String(maxAmount ?? '').trim() !== ''
			? ctx.getInputData().map((_item, i) => readAmount(ctx, i, guarded.amount!))
			: [];
	const refusal = toolGuardRefusal({ resource, operation, allowed, maxAmount, amounts });
	if (refusal) throw new NodeOperationError(ctx.getNode(), refusal.message, { description: refusal.description });
}

/** Shown only on the tool variant of the node (n8n's "@tool" display condition), for one resource's guarded operations. */
function toolOnly(resource: string, operations: string[], extra: IDisplayOptions['show'] = {}): IDisplayOptions {
	return { show: { '@tool': [true], resource: [resource], operation: operations, ...extra } };
}

/** The author's switches, for the node's description: one per resource, since operations repeat across resources. */
export function toolGuardProperties(): INodeProperties[] {
	const properties: INodeProperties[] = [];
	for (const [resource, operations] of Object.entries(GUARDED_OPERATIONS)) {
		const names = Object.keys(operations);
		properties.push({
			displayName: 'Allow When an AI Agent Calls It',
			name: ALLOW_PARAMETER,
			type: 'boolean',
			default: false,
			description:
				'Whether an AI agent may run this operation. It moves money or deletes data in CCV, so it is off by default: an agent, or a prompt slipped into what it reads, could otherwise refund, charge or delete.',
			displayOptions: toolOnly(resource, names),
		});
		const money = names.filter((name) => operations[name].kind === 'money');
		if (money.length) {
			properties.push({
				displayName: 'Max Amount per AI Agent Call',
				name: MAX_AMOUNT_PARAMETER,
				type: 'string',
				default: '',
				placeholder: 'e.g. 50.00',
				description:
					'The most one agent call may move, in the payment\'s currency (dot, at most 2 decimals). Empty: no maximum. While a maximum is set, Full Amount and reversals are refused, since their amount is not known before sending.',
				displayOptions: toolOnly(resource, money, { [ALLOW_PARAMETER]: [true] }),
			});
		}
	}
	return properties;
}
