import { linkReferencesOperation } from './linkReferences.shared';

/** What the editor previews before a first run (n8n reads the same file). */
export { default as outputSchema } from '../../__schema__/v1.0.0/customer/removeLinkReferences.json';

export const { description, prepare, execute } = linkReferencesOperation('removeLinkReferences', 'remove');

/** For the AI-agent guard (actions/toolGuard.ts): this operation overwrites or clears what CCV holds. */
export const guard = { kind: 'erase', action: 'remove link references from a customer' } as const;
