import { sleep } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

import { errorJson, prepareItems, refusalOf, runItems } from '../../../../nodes/Ccv/helpers/executor';
import { failItem } from '../../../../nodes/Ccv/helpers/validate';

function fakeCtx(continueOnFail: boolean): IExecuteFunctions {
	return {
		continueOnFail: () => continueOnFail,
		getNode: () => ({ name: 'CCV', type: 'ccv', typeVersion: 1, position: [0, 0], parameters: {}, id: '1' }),
	} as unknown as IExecuteFunctions;
}

describe('runItems', () => {
	it('outputs in input order with pairedItem, whatever order items finish in', async () => {
		const out = await runItems(
			fakeCtx(false),
			5,
			async (i) => {
				await sleep((5 - i) * 5);
				return { i };
			},
			{ concurrency: 5 },
		);
		expect(out).toEqual([0, 1, 2, 3, 4].map((i) => ({ json: { i }, pairedItem: { item: i } })));
	});

	it('never has more items in progress than the concurrency', async () => {
		let running = 0;
		let peak = 0;
		await runItems(
			fakeCtx(false),
			20,
			async () => {
				peak = Math.max(peak, ++running);
				await sleep(2);
				running--;
				return {};
			},
			{ concurrency: 3 },
		);
		expect(peak).toBe(3);
	});

	it('turns a list into several items and an empty list into none, all paired to their input', async () => {
		const out = await runItems(fakeCtx(false), 3, async (i) => (i === 1 ? [] : [{ a: i }, { b: i }]), {
			concurrency: 2,
		});
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 2 }, { item: 2 }]);
	});

	it('with Continue On Fail, a failing item outputs its error and the others still run', async () => {
		const out = await runItems(
			fakeCtx(true),
			3,
			async (i) => {
				if (i === 1) throw new Error('boom');
				return { ok: i };
			},
			{ concurrency: 1 },
		);
		expect(out).toEqual([
			{ json: { ok: 0 }, pairedItem: { item: 0 } },
			{ json: { error: 'boom' }, pairedItem: { item: 1 } },
			{ json: { ok: 2 }, pairedItem: { item: 2 } },
		]);
	});

	it('without Continue On Fail, stops starting new items and throws the first failure', async () => {
		const started: number[] = [];
		await expect(
			runItems(
				fakeCtx(false),
				10,
				async (i) => {
					started.push(i);
					if (i === 2) throw new Error('item 2 failed');
					return {};
				},
				{ concurrency: 1 },
			),
		).rejects.toThrow('item 2 failed');
		expect(started).toEqual([0, 1, 2]);
	});

	it('runs items with the same key one after the other, in input order; other keys in parallel', async () => {
		const log: string[] = [];
		const keys = ['a', 'b', 'a', 'a', 'b'];
		await runItems(
			fakeCtx(false),
			keys.length,
			async (i) => {
				log.push(`start ${keys[i]}${i}`);
				await sleep(i === 0 ? 20 : 2);
				log.push(`end ${keys[i]}${i}`);
				return {};
			},
			{ concurrency: 5, serialKey: (i) => keys[i] },
		);
		const aEvents = log.filter((e) => e.includes(' a'));
		expect(aEvents).toEqual(['start a0', 'end a0', 'start a2', 'end a2', 'start a3', 'end a3']);
		// b1 ran while a0 was still going.
		expect(log.indexOf('start b1')).toBeLessThan(log.indexOf('end a0'));
	});
});

describe('prepareItems (every item checked before anything is sent)', () => {
	it('keeps what prepare returned, by item, and collects every refused item', () => {
		const ctx = fakeCtx(false);
		const { prepared, refused } = prepareItems(ctx, 4, (i) => {
			if (i % 2 === 1) failItem(ctx, i, '"Amount" is required');
			return { n: i };
		});
		expect(prepared).toEqual([{ n: 0 }, undefined, { n: 2 }, undefined]);
		expect([...refused.keys()]).toEqual([1, 3]);
	});

	it('refuses every item of a group that would share one Idempotency-Reference, naming them all', () => {
		const refs = ['A', 'B', 'A', 'A'];
		const { prepared, refused } = prepareItems(fakeCtx(false), 4, (i) => ({ idempotencyReference: refs[i], identity: 'refund of payment P, 5.00' }));
		expect(prepared.map((p) => p?.idempotencyReference)).toEqual([undefined, 'B', undefined, undefined]);
		expect([...refused.keys()]).toEqual([0, 2, 3]);
		const error = refused.get(2) as Error & { description: string };
		expect(error.message).toBe('Item 1 (index 0), Item 3 (index 2) and Item 4 (index 3) would be the same refund of payment P, 5.00');
		expect(error.description).toContain('give each its own Idempotency Key');
	});

	it('without prepare, nothing is refused', () => {
		expect(prepareItems(fakeCtx(false), 3, undefined).refused.size).toBe(0);
	});

	it('the run\'s error names the first bad item and lists at most ten others', () => {
		const ctx = fakeCtx(false);
		const { refused } = prepareItems(ctx, 15, (i) => failItem(ctx, i, '"Amount" is required'));
		const error = refusalOf(ctx, refused);
		expect(error.message).toBe('Item 1 (index 0): "Amount" is required');
		expect(error.description).toBe(
			'14 more items are not valid either: Item 2 (index 1), Item 3 (index 2), Item 4 (index 3), Item 5 (index 4), Item 6 (index 5), Item 7 (index 6), Item 8 (index 7), Item 9 (index 8), Item 10 (index 9), Item 11 (index 10) and 4 more. Nothing was sent to CCV for any item: fix these items (or turn on Continue On Fail to send the valid ones) and run again.',
		);
	});

	it('runItems outputs a refused item\'s error under Continue On Fail, and never runs it', async () => {
		const ran: number[] = [];
		const out = await runItems(fakeCtx(true), 3, async (i) => (ran.push(i), { ok: i }), {
			concurrency: 2,
			refused: new Map([[1, new Error('Item 2 (index 1): bad')]]),
		});
		expect(ran.sort()).toEqual([0, 2]);
		expect(out[1]).toEqual({ json: { error: 'Item 2 (index 1): bad' }, pairedItem: { item: 1 } });
	});
});

describe('errorJson', () => {
	it('masks what the redactor masks, in every field, and copies CCV\'s error object', () => {
		const ccvError = { type: 'input_error', message: 'key SECRET', nested: ['SECRET'] };
		const error = Object.assign(new Error('bad SECRET'), { description: 'SECRET', context: { ccvError } });
		const redact = <T>(v: T): T => JSON.parse(JSON.stringify(v).split('SECRET').join('***')) as T;
		expect(errorJson(error, redact)).toEqual({ error: 'bad ***', description: '***', ccvError: { type: 'input_error', message: 'key ***', nested: ['***'] } });
		expect(ccvError.message).toBe('key SECRET');
	});
});
