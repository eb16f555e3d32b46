import { NodeOperationError } from 'n8n-workflow';
import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { addToTally, tallied, tallyKey } from '../helpers/agentTally';
import { seeFix } from '../helpers/fixLinks';
import type { GuardAmount, OperationGuard } from '../helpers/operation';
import { resources } from './resources';

/**
 * Guard-rails for the CCV node when an AI agent runs it as a tool. n8n turns a `usableAsTool` node
 * into a tool node whose type ends in "Tool" (e.g. CUSTOM.ccvTool) and runs the node's own execute
 * with the agent's arguments, filling `$fromAI()` parameters from them. An agent, or a prompt
 * injected into what it reads, could then refund, charge, delete or overwrite. So every operation
 * that moves money, deletes, erases or submits (as each operation declares in its `guard` export)
 * is refused unless the workflow author allowed it on that node, with an optional maximum per call
 * and per execution. The author's switches are fixed values only: an expression, `$fromAI` included,
 * could let the model allow itself. Reads and adding writes stay open. Outside an agent nothing changes.
 */

type Guarded = Exclude<OperationGuard, { kind: 'read' } | { kind: 'write' }>;

export const ALLOW_PARAMETER = 'aiAgentAllowed';
export const MAX_AMOUNT_PARAMETER = 'aiAgentMaxAmount';
export const MAX_TOTAL_PARAMETER = 'aiAgentMaxTotal';

const LABELS: Record<string, string> = {
	[ALLOW_PARAMETER]: 'Allow When an AI Agent Calls It',
	[MAX_AMOUNT_PARAMETER]: 'Max Amount per AI Agent Call',
	[MAX_TOTAL_PARAMETER]: 'Max Total per AI Agent Execution',
};

/** The operation's own declaration, when it is one an agent needs the author's consent for. */
export function guardedOperation(resource: string, operation: string): Guarded | undefined {
	const guard = resources[resource]?.[operation]?.guard;
	return guard && guard.kind !== 'read' && guard.kind !== 'write' ? guard : undefined;
}

/** Every guarded operation, by resource, in the registry's order. */
export function guardedOperations(): Record<string, Record<string, Guarded>> {
	const all: Record<string, Record<string, Guarded>> = {};
	for (const [resource, operations] of Object.entries(resources)) {
		for (const operation of Object.keys(operations)) {
			const guard = guardedOperation(resource, operation);
			if (guard) (all[resource] ??= {})[operation] = guard;
		}
	}
	return all;
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

function money(cents: bigint): string {
	return `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
}

export interface GuardInput {
	resource: string;
	operation: string;
	/** The author's switch on this node (off by default). */
	allowed: boolean;
	/** The author's maximum per call, as typed ('' or undefined = no maximum). */
	maxAmount?: unknown;
	/** The author's maximum over one agent execution, as typed ('' or undefined = no maximum). */
	maxTotal?: unknown;
	/** Cents earlier calls of this execution moved with this node. */
	spent?: bigint;
	/** Each item's amount, for money operations. */
	amounts: CallAmount[];
}

type Refusal = { message: string; description: string };

const NOT_ALLOWED: Record<Guarded['kind'], string> = {
	money: 'This operation moves money, so it is off for AI agents by default. Nothing was sent to CCV. The workflow author can allow it on this node with "Allow When an AI Agent Calls It" (and set "Max Amount per AI Agent Call" and "Max Total per AI Agent Execution").',
	delete: 'This operation deletes data in CCV, so it is off for AI agents by default. Nothing was sent to CCV. The workflow author can allow it on this node with "Allow When an AI Agent Calls It".',
	erase: 'This operation overwrites or clears data in CCV (for example a customer\'s external ID or link references), so it is off for AI agents by default. Nothing was sent to CCV. The workflow author can allow it on this node with "Allow When an AI Agent Calls It".',
	submit: 'This operation sends CCV a boarding order, which cannot be taken back, so it is off for AI agents by default. Nothing was sent to CCV. The workflow author can allow it on this node with "Allow When an AI Agent Calls It".',
};

function textOf(value: unknown): string {
	return typeof value === 'number' ? String(value) : String(value ?? '').trim();
}

/** A maximum as typed: undefined when empty, a refusal when it is no amount. */
function readMaximum(name: string, value: unknown): { cents: bigint; shown: string } | Refusal | undefined {
	const text = textOf(value);
	if (text === '') return undefined;
	return (
		parseAmount(text) ?? {
			message: `Refused: "${LABELS[name]}" is "${text}", which is not an amount`,
			description: 'Nothing was sent to CCV. Write the maximum with a dot and at most 2 decimals (e.g. 50.00), or leave it empty for no maximum.',
		}
	);
}

/** Undefined when the call may go ahead; otherwise why not, in words the author and the agent understand. */
export function toolGuardRefusal(input: GuardInput): Refusal | undefined {
	const guarded = guardedOperation(input.resource, input.operation);
	if (!guarded) return undefined;
	if (!input.allowed) {
		return { message: `Refused: an AI agent may not ${guarded.action} with this CCV node`, description: NOT_ALLOWED[guarded.kind] };
	}
	if (guarded.kind !== 'money') return undefined;
	const max = readMaximum(MAX_AMOUNT_PARAMETER, input.maxAmount);
	if (max && 'message' in max) return max;
	const total = readMaximum(MAX_TOTAL_PARAMETER, input.maxTotal);
	if (total && 'message' in total) return total;
	if (!max && !total) return undefined;
	const limit = max ? max.shown : `${total!.shown} per execution`;
	let sum = 0n;
	for (const [index, amount] of input.amounts.entries()) {
		const item = `Item ${index + 1} (index ${index})`;
		if (amount === 'full') {
			return {
				message: `Refused: ${item} asks to ${guarded.action} for the full amount while AI agent calls are limited to ${limit}`,
				description:
					'The full amount is not known before sending, so it cannot be checked against "Max Amount per AI Agent Call" or "Max Total per AI Agent Execution". Nothing was sent to CCV. The agent can give a partial amount within the maximum, or the workflow author can clear the maximums.',
			};
		}
		if ('invalid' in amount) {
			return {
				message: `Refused: ${item} has the amount "${amount.invalid}", which cannot be checked against the maximum of ${limit}`,
				description: 'Nothing was sent to CCV. The amount must have a dot and at most 2 decimals (e.g. 19.99).',
			};
		}
		if (max && amount.cents > max.cents) {
			return {
				message: `Refused: ${item} asks to ${guarded.action} for ${amount.shown}, above the maximum of ${max.shown} per AI agent call`,
				description: 'Nothing was sent to CCV. The workflow author set "Max Amount per AI Agent Call" on this node.',
			};
		}
		sum += amount.cents;
	}
	const spent = input.spent ?? 0n;
	if (total && spent + sum > total.cents) {
		return {
			message: `Refused: this call would bring what AI agent calls moved with this CCV node in this execution to ${money(spent + sum)}, above the maximum of ${total.shown} (${money(spent)} so far)`,
			description:
				'Nothing was sent to CCV. The workflow author set "Max Total per AI Agent Execution" on this node: all agent calls of one execution count together, from the moment a call is let through (also when CCV then refused it). The next execution starts again at 0.',
		};
	}
	return undefined;
}

function readAmount(ctx: IExecuteFunctions, i: number, source: GuardAmount): CallAmount {
	if (source.alwaysFull) return 'full';
	if (source.choice && ctx.getNodeParameter(source.choice, i, 'partial') === 'full') return 'full';
	// The field the operation declares; none declared reads as no amount, which a maximum refuses.
	const value = source.amount === undefined ? '' : ctx.getNodeParameter(source.amount, i, '');
	return parseAmount(value) ?? { invalid: String(value ?? '') };
}

/**
 * The author's switches must be fixed values: any expression could be filled or steered by the model.
 * n8n keeps the "=" of a lone `$fromAI()` even on a noDataExpression field (so it still resolves from
 * the agent's call), and strips it from other expressions there, leaving "{{ ... }}" as text.
 */
function isExpressionText(value: unknown): boolean {
	return typeof value === 'string' && (value.startsWith('=') || value.includes('{{'));
}

function expressionRefusal(ctx: IExecuteFunctions, names: string[]): Refusal | undefined {
	const raw = ctx.getNode().parameters;
	for (const name of names) {
		const value = raw[name];
		if (isExpressionText(value) || (name === ALLOW_PARAMETER && typeof value === 'string')) {
			return {
				message: `Refused: "${LABELS[name]}" is set by an expression on this CCV node`,
				description: `Nothing was sent to CCV. "${LABELS[name]}" guards what an AI agent may do, so it takes a fixed value only: an expression, such as $fromAI (the ✨ button), could let the agent decide its own limits. Set a fixed value on this node.`,
			};
		}
	}
	return undefined;
}

/**
 * The refusal as one text, with no separate description: n8n's tool wrapper (n8n-core
 * makeHandleToolInvocation) appends a description to the message ("\n\nDetails: ...") and the tool's
 * output then shows message and description, so the same words would read twice.
 */
export function refusalError(ctx: Pick<IExecuteFunctions, 'getNode'>, refusal: Refusal): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `${refusal.message}. ${refusal.description} ${seeFix('aiAgent')}`);
}

/**
 * Call once per execution, before any item is prepared or sent: throws when the node runs as an
 * agent's tool and the operation is not allowed (or a call goes over a maximum). A call let through
 * counts towards the execution's total at once. Does nothing outside an agent, for reads and for adding writes.
 */
export function enforceToolGuard(ctx: IExecuteFunctions, resource: string, operation: string): void {
	if (!isRunningAsTool(ctx)) return;
	const guarded = guardedOperation(resource, operation);
	if (!guarded) return;
	const isMoney = guarded.kind === 'money';
	const fixed = expressionRefusal(ctx, isMoney ? [ALLOW_PARAMETER, MAX_AMOUNT_PARAMETER, MAX_TOTAL_PARAMETER] : [ALLOW_PARAMETER]);
	if (fixed) throw refusalError(ctx, fixed);
	const allowed = ctx.getNodeParameter(ALLOW_PARAMETER, 0, false) === true;
	const maxAmount = allowed && isMoney ? ctx.getNodeParameter(MAX_AMOUNT_PARAMETER, 0, '') : '';
	const maxTotal = allowed && isMoney ? ctx.getNodeParameter(MAX_TOTAL_PARAMETER, 0, '') : '';
	const limited = textOf(maxAmount) !== '' || textOf(maxTotal) !== '';
	const amounts = isMoney && limited ? ctx.getInputData().map((_item, i) => readAmount(ctx, i, guarded.amount)) : [];
	const key = tallyKey(ctx.getExecutionId(), ctx.getWorkflow().id, ctx.getNode().name);
	const spent = tallied(key);
	const refusal = toolGuardRefusal({ resource, operation, allowed, maxAmount, maxTotal, spent, amounts });
	if (refusal) throw refusalError(ctx, refusal);
	if (textOf(maxTotal) !== '') {
		addToTally(key, amounts.reduce((sum, amount) => sum + (typeof amount === 'object' && 'cents' in amount ? amount.cents : 0n), 0n));
	}
}

/** Shown only on the tool variant of the node (n8n's "@tool" display condition), for one resource's guarded operations. */
function toolOnly(resource: string, operations: string[], extra: IDisplayOptions['show'] = {}): IDisplayOptions {
	return { show: { '@tool': [true], resource: [resource], operation: operations, ...extra } };
}

/**
 * The author's switches, for the node's description: one set per resource, since operations repeat
 * across resources. `noDataExpression`: n8n's editor then offers no expression and no ✨ ("let the
 * model define this parameter") on them.
 */
export function toolGuardProperties(): INodeProperties[] {
	const properties: INodeProperties[] = [];
	for (const [resource, operations] of Object.entries(guardedOperations())) {
		const names = Object.keys(operations);
		properties.push({
			displayName: LABELS[ALLOW_PARAMETER],
			name: ALLOW_PARAMETER,
			type: 'boolean',
			default: false,
			noDataExpression: true,
			description:
				'Whether an AI agent may run this operation. It moves money, deletes, overwrites or submits in CCV, so it is off by default: an agent, or a prompt slipped into what it reads, could otherwise refund, charge, delete or erase. A fixed value only.',
			displayOptions: toolOnly(resource, names),
		});
		const moneyOperations = names.filter((name) => operations[name].kind === 'money');
		if (moneyOperations.length) {
			properties.push(
				{
					displayName: LABELS[MAX_AMOUNT_PARAMETER],
					name: MAX_AMOUNT_PARAMETER,
					type: 'string',
					default: '',
					noDataExpression: true,
					placeholder: 'e.g. 50.00',
					description:
						'The most one agent call may move, in the payment\'s currency (dot, at most 2 decimals). Empty: no maximum. While a maximum is set, Full Amount and reversals are refused, since their amount is not known before sending.',
					displayOptions: toolOnly(resource, moneyOperations, { [ALLOW_PARAMETER]: [true] }),
				},
				{
					displayName: LABELS[MAX_TOTAL_PARAMETER],
					name: MAX_TOTAL_PARAMETER,
					type: 'string',
					default: '',
					noDataExpression: true,
					placeholder: 'e.g. 100.00',
					description:
						'The most all calls of one agent execution may move together with this node (dot, at most 2 decimals). A call that would go over it is refused, nothing sent. Empty: no total. Counted in this n8n process for the execution\'s lifetime.',
					displayOptions: toolOnly(resource, moneyOperations, { [ALLOW_PARAMETER]: [true] }),
				},
			);
		}
	}
	return properties;
}
