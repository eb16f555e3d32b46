// Identifiers in CCV's formats: UUIDs for customers, cards and orders; transaction references such
// as "C251106112147294CB87E193.Z" (method letter, yyMMddHHmmssSSS, 8 characters, "." + 1 character)
// and mandate ids such as "MAN251106112147317CB87E193.0". A counter keeps them unique.
import { randomUUID } from 'node:crypto';

const CHECK_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

function stamp(now: number): string {
	const d = new Date(now);
	const two = (n: number) => String(n).padStart(2, '0');
	return (
		two(d.getUTCFullYear() % 100) +
		two(d.getUTCMonth() + 1) +
		two(d.getUTCDate()) +
		two(d.getUTCHours()) +
		two(d.getUTCMinutes()) +
		two(d.getUTCSeconds()) +
		String(d.getUTCMilliseconds()).padStart(3, '0')
	);
}

export class Ids {
	private counter = 0;

	uuid(): string {
		return randomUUID();
	}

	/** A number never handed out before by this sandbox. */
	serial(): number {
		return ++this.counter;
	}

	private next(): { hex: string; check: string } {
		this.counter++;
		const hex = ((0xcb87e000 + this.counter) % 0x100000000).toString(16).toUpperCase().padStart(8, '0');
		return { hex, check: CHECK_CHARS[this.counter % CHECK_CHARS.length] };
	}

	transactionReference(method: string, now: number): string {
		const { hex, check } = this.next();
		const letter = (method[0] ?? 'P').toUpperCase();
		return `${letter}${stamp(now)}${hex}.${check}`;
	}

	mandateId(now: number): string {
		const { hex } = this.next();
		return `MAN${stamp(now)}${hex}.0`;
	}

	/** Opaque tokens for the vault and scheme transaction ids. */
	token(length: number): string {
		return randomUUID().replace(/-/g, '').slice(0, length).toUpperCase();
	}
}
