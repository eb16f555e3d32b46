// A CCV node with one extra, made-up resource ("probe"), run through n8n's engine like the real one.
// Its operations send exactly the request a test asks for, so router and transport rules can be
// tested at the wire without depending on any real operation's fields.
import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, INodeProperties } from 'n8n-workflow';

import { Ccv } from '../../../../nodes/Ccv/Ccv.node';
import { requestOptionFields } from '../../../../nodes/Ccv/actions/common.descriptions';
import { resources } from '../../../../nodes/Ccv/actions/resources';
import type { OperationModule, PreparedItem } from '../../../../nodes/Ccv/actions/types';
import { sendWrite } from '../../../../nodes/Ccv/helpers/dryRun';
import { failItem } from '../../../../nodes/Ccv/helpers/validate';
import type { CcvClient } from '../../../../nodes/Ccv/transport';
import { runCcvNode } from '../../../helpers/engine';
import type { CcvCredentialData, RunNodeOptions, RunNodeResult } from '../../../helpers/engine';

const show = { show: { resource: ['probe'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: show,
		options: [
			{ name: 'Checked', value: 'checked', action: 'Checked' },
			{ name: 'Find', value: 'find', action: 'Find' },
			{ name: 'Dry Run', value: 'dry', action: 'Dry Run' },
		],
		default: 'checked',
	},
	{ displayName: 'Method', name: 'method', type: 'string', default: 'GET', displayOptions: show },
	{ displayName: 'Path', name: 'path', type: 'string', default: '/api/v1/probe', displayOptions: show },
	{ displayName: 'Bad', name: 'bad', type: 'boolean', default: false, displayOptions: show },
	{ displayName: 'Reference', name: 'ref', type: 'string', default: '', displayOptions: show },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		default: {},
		displayOptions: show,
		options: requestOptionFields,
	},
];

interface Prepared extends PreparedItem {
	method: IHttpRequestMethods;
	path: string;
}

/** Reads what to send; "Bad" makes the item invalid, as an operation's prepare would find it. */
function read(ctx: IExecuteFunctions, i: number): Prepared {
	if (ctx.getNodeParameter('bad', i, false) === true) failItem(ctx, i, '"Bad" is set, so this item is not valid');
	const ref = ctx.getNodeParameter('ref', i, '') as string;
	return {
		method: ctx.getNodeParameter('method', i) as IHttpRequestMethods,
		path: ctx.getNodeParameter('path', i) as string,
		...(ref ? { idempotencyReference: ref, identity: 'probe' } : {}),
	};
}

/** Every execute call, in the order they happened: proves nothing ran after a refusal. */
export const executed: number[] = [];

async function send(ctx: IExecuteFunctions, i: number, client: CcvClient, p: Prepared): Promise<IDataObject> {
	executed.push(i);
	const answer = await client.request({ method: p.method, path: p.path, idempotencyReference: p.idempotencyReference }, i);
	return { status: answer.statusCode, body: (answer.body ?? null) as IDataObject };
}

const outputSchema = { type: 'object', properties: { status: { type: 'integer' } } };

const checked: OperationModule<Prepared> = {
	description: [],
	guard: { kind: 'write' },
	outputSchema,
	prepare(this: IExecuteFunctions, i: number) {
		return read(this, i);
	},
	async execute(this: IExecuteFunctions, i: number, client: CcvClient, prepared?: Prepared) {
		// (A router that does not call prepare yet: read here, so transport tests run on either.)
		return await send(this, i, client, prepared ?? read(this, i));
	},
};

const find: OperationModule<Prepared> = {
	description: [],
	guard: { kind: 'write' },
	outputSchema,
	prepare(this: IExecuteFunctions, i: number) {
		return read(this, i);
	},
	async execute(this: IExecuteFunctions, i: number, client: CcvClient, prepared?: Prepared) {
		const p = prepared ?? read(this, i);
		executed.push(i);
		const answer = await client.find({ method: p.method, path: p.path }, i);
		return 'notFound' in answer ? { notFound: true } : { status: answer.statusCode };
	},
};

// Dry Run of a write: what sendWrite shows instead of sending.
const dry: OperationModule<Prepared> = {
	description: [],
	guard: { kind: 'write' },
	outputSchema,
	prepare(this: IExecuteFunctions, i: number) {
		return read(this, i);
	},
	async execute(this: IExecuteFunctions, i: number, client: CcvClient, prepared?: Prepared) {
		const p = prepared ?? read(this, i);
		const result = await sendWrite(client, { method: p.method, path: p.path, body: { a: 1 } }, i, true);
		return result.sent ? { sent: true } : result.dryRun;
	},
};

resources.probe = { checked, find, dry };

export class ProbeCcv extends Ccv {
	constructor() {
		super();
		this.description = { ...this.description, properties: [...this.description.properties, ...properties] };
		const resource = this.description.properties.find((p) => p.name === 'resource');
		resource?.options?.push({ name: 'Probe', value: 'probe' });
	}
}

const probe = new ProbeCcv();

export async function runProbe(
	credentials: CcvCredentialData,
	parameters: IDataObject,
	items: IDataObject[] = [{}],
	extra: Partial<RunNodeOptions> = {},
): Promise<RunNodeResult> {
	executed.length = 0;
	return await runCcvNode({
		nodeType: probe,
		credentials,
		parameters: { resource: 'probe', operation: 'checked', ...parameters } as RunNodeOptions['parameters'],
		items,
		...extra,
	});
}
