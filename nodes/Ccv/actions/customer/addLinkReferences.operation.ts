import { linkReferencesOperation } from './linkReferences.shared';

/** What the editor previews before a first run (n8n reads the same file). */
export { default as outputSchema } from '../../__schema__/v1.0.0/customer/addLinkReferences.json';

export const { description, prepare, execute } = linkReferencesOperation('addLinkReferences', 'add');

/** For the AI-agent guard (actions/toolGuard.ts): this operation adds and never removes or overwrites. */
export const guard = { kind: 'write' } as const;
