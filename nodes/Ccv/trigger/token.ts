import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether the caller's ?token= equals the configured one. Both are hashed first so the
 * comparison takes the same time whatever the lengths and wherever they differ.
 */
export function tokenMatches(expected: string, given: unknown): boolean {
	if (typeof given !== 'string' || given === '') return false;
	const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
	return timingSafeEqual(digest(expected), digest(given));
}
