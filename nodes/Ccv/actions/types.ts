import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CcvClient } from '../transport';

/** One operation: its fields in the editor and what it does for one input item. */
export interface OperationModule {
	description: INodeProperties[];
	/** Returns the item's output: one object, or a list (an empty list means no output items). */
	execute(this: IExecuteFunctions, itemIndex: number, client: CcvClient): Promise<IDataObject | IDataObject[]>;
	/** Items that return the same key run one after the other in input order. */
	serialKey?(this: IExecuteFunctions, itemIndex: number): string | undefined;
}

export type ResourceModule = Record<string, OperationModule>;
