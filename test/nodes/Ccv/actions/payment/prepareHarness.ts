// Calls an operation's prepare() (reads and checks one item, sends nothing) with plain parameter
// values, as the router does before anything is sent. No expressions: values are taken as given.
import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import type { OperationModule, PreparedItem } from '../../../../../nodes/Ccv/helpers/operation';

const node: INode = {
	id: 'prepare-test',
	name: 'CCV',
	type: 'n8n-nodes-ccv.ccv',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

export function prepareItem(op: OperationModule, parameters: IDataObject, itemIndex = 0): PreparedItem {
	const ctx = {
		getNode: () => node,
		getNodeParameter: (name: string, _i: number, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		getExecutionId: () => 'prepare-test',
	} as unknown as IExecuteFunctions;
	if (!op.prepare) throw new Error('this operation has no prepare()');
	return op.prepare.call(ctx, itemIndex);
}
