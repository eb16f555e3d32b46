// The page a payUrl opens: shows the payment and lets a person (in the `npm start` demo) pay or
// fail it. Paying settles the transaction as the control API would, then returns to returnUrl.
import type { Core } from './core';

function escape(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function payPage(core: Core, reference: string): { status: number; html: string } {
	const tx = core.store.transactions.get(reference);
	if (!tx) return { status: 404, html: page('Unknown payment', `<p>No payment ${escape(reference)}.</p>`) };
	const amount = `${tx.currency.toUpperCase()} ${(tx.amountCents / 100).toFixed(2)}`;
	const action = (status: string) => `/_sandbox/pay?reference=${encodeURIComponent(reference)}&amp;status=${status}`;
	const buttons =
		tx.status === 'pending'
			? `<form method="post" action="${action('success')}"><button>Pay ${escape(amount)}</button></form>
<form method="post" action="${action('failed')}"><button>Decline</button></form>`
			: `<p>This payment is ${escape(tx.status)}.</p>`;
	const body = `<p>${escape(tx.description ?? tx.merchantOrderReference ?? tx.reference)}</p>
<p><strong>${escape(amount)}</strong> by ${escape(tx.method)} (reference ${escape(tx.reference)})</p>${buttons}`;
	return { status: 200, html: page('CCV sandbox payment', body) };
}

function page(title: string, body: string): string {
	return `<!doctype html><html><head><meta charset="utf-8"><title>${escape(title)}</title></head>
<body style="font-family:sans-serif;max-width:32em;margin:3em auto"><h1>${escape(title)}</h1>${body}</body></html>`;
}
