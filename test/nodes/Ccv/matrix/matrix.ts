/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test tooling: runs in Node, never inside n8n */
// The node against each reading of the sandbox's switches (sandbox/README.md "Readings"):
// where CCV's docs are ambiguous or silent, the node must work whichever reading CCV means.
import type { Readings } from '../../../../sandbox';
import { useSandbox } from '../actions/sandboxRun';

export type ReadingCase = [label: string, readings: Partial<Readings>];

/** One sandbox (seeded) per file; each test starts from the strict defaults plus its reading. */
export function useMatrixSandbox() {
	return useSandbox({ seed: true });
}

/** `it`, or `it.failing` where the node is known to be wrong under that reading (the comment says which defect). */
export function itUnless(knownNodeDefect: boolean): jest.It {
	return knownNodeDefect && process.env.MATRIX_PLAIN !== "1" ? it.failing : it;
}
