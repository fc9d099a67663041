// SpectrumLedger explorer: a single page over /explorer/api. Hash routes:
// #/  #/tx/HASH  #/operator/ADDRESS  #/market/KEY  #/batch/ID  #/sensing/BAND[/CELL]  #/court[/BROKER]
'use strict';

const view = document.getElementById('view');

function esc(v) {
  return String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}
const link = (kind, key, text) => `<a href="#/${kind}/${encodeURIComponent(key)}" class="mono">${esc(text ?? key)}</a>`;
const table = (head, rows) =>
  `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${
    rows.length ? rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('') : `<tr><td colspan="${head.length}" class="muted">none</td></tr>`
  }</tbody></table>`;

// units: the API gives tokens and SRU as decimal text; the page always says which
const tok = (v) => `${esc(v)} tokens`;
const perSru = (v) => `${esc(v)} tokens/SRU`;
const sru = (v) => `${esc(v)} SRU`;
const baseToTokens = (v) => (Number(v) / 1e6).toLocaleString('en', { maximumFractionDigits: 6, useGrouping: false });
// times: unix seconds as a UTC date and how long ago (or how soon) that is
function ago(seconds) {
  const a = Math.abs(seconds);
  const n = a < 120 ? `${Math.round(a)} s` : a < 7200 ? `${Math.round(a / 60)} min` : a < 172800 ? `${Math.round(a / 3600)} h` : `${Math.round(a / 86400)} days`;
  return seconds >= 0 ? `${n} ago` : `in ${n}`;
}
// durations: seconds as the largest whole unit that fits, with the seconds after
function duration(seconds) {
  const s = Number(seconds);
  const d = s % 86400 === 0 ? `${s / 86400} day${s === 86400 ? '' : 's'}` : s % 3600 === 0 ? `${s / 3600} h` : s % 60 === 0 ? `${s / 60} min` : `${s} s`;
  return s >= 60 ? `${d} (${s} s)` : d;
}
function when(unix) {
  const t = Number(unix);
  if (!t) return '<span class="muted">-</span>';
  const d = new Date(t * 1000);
  const text = d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  return `<time datetime="${d.toISOString()}">${esc(text)}</time> <span class="muted">(${esc(ago(Date.now() / 1000 - t))})</span>`;
}
const hexCell = (v) => (/^\d+$/.test(String(v)) ? '0x' + BigInt(v).toString(16) : String(v));

async function api(path) {
  const res = await fetch('/explorer/api/' + path);
  const body = await res.json();
  if (!res.ok) throw new Error(body.detail || body.title || res.statusText);
  return body;
}

function fail(e) {
  view.innerHTML = `<div class="error" id="error"><strong>Cannot show this.</strong> ${esc(e.message)}</div>
    <p><a href="#/">Back to the latest batches</a></p>`;
}

async function overview() {
  const o = await api('overview');
  view.innerHTML = `<h1>Chain ${esc(o.chainId)} — block ${esc(o.head)}</h1>
    <p class="muted">Exchange ${link('operator', o.exchange, o.exchange)} — broker court ${link('operator', o.court, o.court)}: <a href="#/court" id="court-link">broker bond and convictions</a></p>
    <h2>Latest batches</h2>
    ${table(['batch', 'transaction', 'block', 'markets', 'fills', 'fees'], o.batches.map((b) => [
      link('batch', b.batchId, '#' + b.batchId), link('tx', b.txHash), esc(b.block), esc(b.markets), esc(b.fills), tok(b.fees)]))}
    <h2>Latest blocks</h2>
    ${table(['block', 'time', 'gas', 'transactions'], o.blocks.map((b) => [
      esc(b.number), when(b.timestamp), esc(b.gasUsed),
      b.transactions.map((t) => link('tx', t, t.slice(0, 18) + '…')).join(' ')]))}`;
}

async function tx(hash) {
  const t = await api('tx/' + encodeURIComponent(hash));
  let html = `<h1>Transaction</h1><div class="kv">
    <span>hash</span><span class="mono">${esc(t.txHash)}</span>
    <span>status</span><span class="${t.status === 'success' ? 'ok' : 'bad'}">${esc(t.status)}</span>
    <span>block</span><span>${esc(t.block)}, ${when(t.timestamp)}</span>
    <span>from</span><span>${link('operator', t.from)}</span>
    <span>call</span><span>${esc(t.contract)}.${esc(t.function)}</span>
    <span>gas used</span><span>${esc(t.gasUsed)}</span>
    ${t.revert ? `<span>revert</span><span class="bad">${esc(t.revert)}</span>` : ''}</div>`;
  if (t.arguments.length) {
    html += `<h2>Arguments</h2>${table(['name', 'type', 'value'], t.arguments.map((a) => [esc(a.name), esc(a.type),
      a.display ? `${esc(a.display)} <span class="muted mono">(${esc(a.value)})</span>`
        : `<span class="mono">${esc(a.name === 'cell' ? hexCell(a.value) : a.value)}</span>`]))}`;
  }
  if (t.claim) html += claim(t.claim);
  if (t.settlement) {
    const s = t.settlement;
    html += `<h2 id="settlement">Batch ${esc(s.batchId)}: ${esc(s.clearings.length)} market(s), ${esc(s.fills)} fills</h2>`;
    for (const c of s.clearings) {
      html += `<div class="clearing"><p>Market ${link('market', c.market)} — uniform price <strong>${perSru(c.price)}</strong>, ${sru(c.volumeSru)} traded</p>
        ${table(['side', 'maker', 'filled', 'order', 'limit', 'nonce', 'order hash'], c.fills.map((f) => [
          esc(f.side), link('operator', f.maker), `<span class="num">${sru(f.sru)}</span>`, sru(f.orderSru), perSru(f.limitPrice), esc(f.nonce),
          `<span class="mono">${esc(f.orderHash)}</span>`]))}</div>`;
    }
  }
  html += `<h2>Events</h2>${table(['#', 'event', 'fields'], t.events.map((e) => [esc(e.logIndex), esc(e.name),
    Object.entries(e.fields).map(([k, v]) => `${esc(k)}=<span class="mono">${esc(v)}</span>`).join('<br>')]))}`;
  view.innerHTML = html;
}

// an order hash: to the settlement of its trade when one settled, else plain
const orderLink = (hash, tradeTx) => (tradeTx ? link('tx', tradeTx, hash) : `<span class="mono">${esc(hash)}</span>`);

function claim(c) {
  let html = `<h2 id="claim">Claim against a broker: ${c.upheld ? '<span class="bad">upheld, fill withheld</span>' : '<span class="muted">not upheld</span>'}</h2>`;
  if (c.receipt) {
    const r = c.receipt;
    html += `<div class="kv"><span>receipt for order</span><span class="mono">${esc(r.orderHash)}</span>
      <span>market</span><span>${link('market', r.market)} (${esc(r.side)})</span>
      <span>promised fill</span><span>${sru(r.fillSru)} at ${perSru(r.price)}, ${sru(r.filledAfterSru)} of the order filled after it</span>
      <span>clearing</span><span>${esc(r.clearingId)}</span>
      <span>settle by</span><span>${when(r.settleBy)}</span></div>`;
  }
  if (c.conviction) html += conviction(c.conviction);
  return html;
}

function conviction(v) {
  return `<div class="kv conviction"><span>broker</span><span>${link('operator', v.broker)}</span>
    <span>maker</span><span>${link('operator', v.maker)}</span>
    <span>order</span><span>${orderLink(v.orderHash, v.tradeTx)}${v.tradeTx ? '' : ' <span class="muted">(no trade of it settled)</span>'}</span>
    <span>shortfall</span><span>${sru(v.shortfallSru)} not settled</span>
    <span>owed</span><span>${tok(v.owed)}</span>
    <span>paid to the maker</span><span>${tok(v.compensation)}${Number(v.compensation) < Number(v.owed) ? ' <span class="bad">(the bond ran out)</span>' : ''}</span>
    <span>claimant</span><span>${link('operator', v.claimant)}</span></div>`;
}

async function court(broker) {
  const c = await api('court' + (broker ? '/' + encodeURIComponent(broker) : ''));
  const t = c.terms, b = c.bond;
  view.innerHTML = `<h1 id="court-title">Broker bond — ${esc(c.broker)}</h1>
    <p class="muted">Broker court ${link('operator', c.court, c.court)}. A broker settles only while its active bond reaches the minimum; a near-RT fill receipt it signed and did not settle by its deadline is paid to the maker from the bond.</p>
    <h2>Terms</h2><div class="kv" id="court-terms"><span>minimum bond</span><span>${tok(t.bondMinimum)}</span>
    <span>challenge window</span><span>${esc(duration(t.challengeWindowSeconds))} after a receipt's deadline or a book's commitment</span>
    <span>withdrawal delay</span><span>${esc(duration(t.withdrawalDelaySeconds))}</span>
    <span>compensation</span><span>${esc(Number(t.compensationBps) / 100)} % of the withheld fill's value (${esc(t.compensationBps)} bps)</span></div>
    <h2>Bond</h2><div class="kv" id="court-bond"><span>active</span><span>${tok(b.active)}</span>
    <span>pending withdrawal</span><span>${Number(b.pending) ? tok(b.pending) + ', ready at ' + when(b.readyAt) : 'none'}</span>
    <span>may settle</span><span class="${c.bonded ? 'ok' : 'bad'}">${c.bonded ? 'yes, bonded' : 'no, bond below the minimum'}</span></div>
    <h2>Convictions</h2><div id="convictions">${table(['block', 'maker', 'order', 'shortfall', 'owed', 'paid', 'claim'], c.convictions.map((v) => [esc(v.block),
      link('operator', v.maker), orderLink(v.orderHash, v.tradeTx), sru(v.shortfallSru), tok(v.owed), tok(v.compensation),
      link('tx', v.txHash, v.txHash.slice(0, 18) + '…')]))}</div>
    <h2>Orders left out of a committed book</h2><div id="omissions">${table(['block', 'maker', 'order', 'market', 'owed', 'paid', 'conviction'], (c.omissions || []).map((v) => [esc(v.block),
      link('operator', v.maker), esc(v.orderHash.slice(0, 18) + '…'), esc(v.market || ''), tok(v.owed), tok(v.compensation),
      link('tx', v.txHash, v.txHash.slice(0, 18) + '…')]))}</div>
    <h2>Auctions convicted of breaking the clearing rule</h2><div id="auction-convictions">${table(['block', 'market', 'flaw', 'price', 'rule\'s price', 'proven by', 'conviction'], (c.auctions || []).map((v) => [esc(v.block),
      esc(v.market), esc(v.flaw), tok(v.price), v.fairPrice == null ? '' : tok(v.fairPrice), link('operator', v.challenger),
      link('tx', v.txHash, v.txHash.slice(0, 18) + '…')]))}</div>
    <h2>Bond history</h2>${table(['block', 'event', 'amount', 'by', 'ready at', 'transaction'], c.history.map((h) => [esc(h.block), esc(h.event),
      tok(h.amount), h.payer ? link('operator', h.payer) : '', h.readyAt ? when(h.readyAt) : '', link('tx', h.txHash, h.txHash.slice(0, 18) + '…')]))}`;
}

async function operator(address) {
  const o = await api('operator/' + encodeURIComponent(address));
  const leases = (ls) => table(['market', 'quantity', 'slot starts', 'slot ends'], ls.map((l) => [link('market', l.market), sru(l.sru),
    when(l.slotStart), when(l.slotEnd)]));
  view.innerHTML = `<h1>${o.registered ? esc(o.name) + ' <span class="muted">(' + esc(o.kind) + ')</span>' : 'Unregistered address'}</h1>
    <div class="kv"><span>address</span><span class="mono">${esc(o.address)}</span>
    <span>escrow</span><span>${tok(o.escrow)}</span><span>token balance</span><span>${tok(o.tokenBalance)}</span>
    <span>suspended</span><span>${esc(o.suspended)}</span>
    <span>pending withdrawal</span><span>${o.pendingWithdrawal ? tok(o.pendingWithdrawal.amount) + ', executable from ' + when(o.pendingWithdrawal.readyAt) : 'none'}</span></div>
    <h2>Leases now</h2>${leases(o.leasesNow)}<h2>Leases ahead</h2>${leases(o.leasesAhead)}
    <h2>Trades</h2>${table(['side', 'market', 'quantity', 'price', 'amount', 'transaction'], o.trades.map((t) => [esc(t.side), link('market', t.market),
      sru(t.sru), perSru(t.price), tok(t.amount), link('tx', t.txHash, t.txHash.slice(0, 18) + '…')]))}`;
}

function chart(points) {
  if (points.length === 0) return '<p class="muted">No clearings yet.</p>';
  const prices = points.map((p) => Number(p.price));
  const lo = Math.min(...prices), hi = Math.max(...prices), span = hi - lo || 1;
  const x = (i) => 90 + (points.length === 1 ? 0 : (i * 680) / (points.length - 1));
  const y = (p) => 170 - ((p - lo) / span) * 140;
  const coords = prices.map((p, i) => `${x(i).toFixed(1)},${y(p).toFixed(1)}`).join(' ');
  const first = points[0], last = points[points.length - 1];
  return `<svg class="chart" viewBox="0 0 800 230" id="price-chart" role="img" aria-label="cleared price per batch">
    <line class="axis" x1="80" y1="20" x2="80" y2="180"></line><line class="axis" x1="80" y1="180" x2="780" y2="180"></line>
    <text class="tick" x="74" y="${y(hi) + 4}" text-anchor="end">${esc(hi)}</text>
    <text class="tick" x="74" y="${y(lo) + 4}" text-anchor="end">${esc(lo)}</text>
    <text class="tick" x="${x(0)}" y="196" text-anchor="middle">#${esc(first.batchId)}</text>
    ${points.length > 1 ? `<text class="tick" x="${x(points.length - 1)}" y="196" text-anchor="middle">#${esc(last.batchId)}</text>` : ''}
    <text class="axis-label" id="y-axis-label" x="14" y="100" transform="rotate(-90 14 100)" text-anchor="middle">price (tokens/SRU)</text>
    <text class="axis-label" id="x-axis-label" x="430" y="222" text-anchor="middle">settlement batch (in chain order)</text>
    <polyline points="${coords}"></polyline>${prices.map((p, i) => `<circle cx="${x(i)}" cy="${y(p)}" r="3"><title>batch ${esc(points[i].batchId)}: ${esc(p)} tokens/SRU</title></circle>`).join('')}</svg>`;
}

async function market(key) {
  const m = await api('market/' + encodeURIComponent(key));
  const depthRows = (side) => ((m.depth && m.depth[side]) || []).map((l) => [perSru(baseToTokens(l.price)), sru(Number(l.quantity) / 1000), esc(l.orders)]);
  view.innerHTML = `<h1>Market ${esc(m.market)}</h1>
    <div class="kv"><span>band</span><span>${esc(m.band)}</span><span>cell</span><span class="mono">${esc(m.cell)}</span>
    <span>slot</span><span>${when(m.slotStart)} → ${when(m.slotEnd)}</span>
    <span>sensing</span><span>${sensingState(m)} — ${link('sensing', m.band + '/' + m.cell, 'all reports of band ' + m.band + ', cell ' + m.cell)}</span>
    <span>protection</span><span>${m.protectionZones.length ? esc(m.protectionZones.length) + ' zone(s) in force' : 'none'}</span></div>
    <h2>Order book now</h2>
    ${m.lit ? `<p id="book-lit">Lit by the regulator's rule (listed, signed, in /v1/info).</p><div style="display:flex;gap:1rem"><div style="flex:1"><h3>Bids</h3>${table(['price', 'quantity', 'orders'], depthRows('bids'))}</div>
    <div style="flex:1"><h3>Asks</h3>${table(['price', 'quantity', 'orders'], depthRows('asks'))}</div></div>`
    : '<p id="book-sealed">Sealed: nobody but the broker sees this book until its auction clears; its result is public after.</p>'}
    <h2>Cleared prices</h2>${chart(m.clearings)}
    ${table(['batch', 'block', 'price', 'volume', 'transaction'], m.clearings.map((c) => [esc(c.batchId), esc(c.block), perSru(c.price), sru(c.volumeSru), link('tx', c.txHash, c.txHash.slice(0, 18) + '…')]))}`;
}

function sensingState(m) {
  const s = m.sensing;
  if (!s) return m.sensingRequired ? 'required, no report yet' : 'not required, no report';
  const parts = [];
  if (Number(s.idleAt)) parts.push('idle at ' + when(s.idleAt));
  if (Number(s.busyAt)) parts.push('busy at ' + when(s.busyAt));
  return (m.sensingRequired ? 'required; ' : 'not required; ') + parts.join(', ');
}

async function sensing(key) {
  const r = await api('sensing/' + key.split('/').map(encodeURIComponent).join('/'));
  view.innerHTML = `<h1 id="sensing-title">Sensing reports — band ${esc(r.band)}${r.cell ? ', cell ' + esc(r.cell) : ', every cell'}</h1>
    <p class="muted">Newest first; each row is one observation of a submitSensingReports call, decoded.</p>
    ${table(['time', 'block', 'band', 'cell', 'verdict', 'sensor', 'transaction'], r.reports.map((x) => [when(x.time), esc(x.block), esc(x.band),
      `<span class="mono">${esc(x.cell)}</span>`, `<span class="${x.verdict === 'idle' ? 'ok' : 'bad'}">${esc(x.verdict)}</span>`,
      link('operator', x.sensor), link('tx', x.txHash, x.txHash.slice(0, 18) + '…')]))}`;
}

async function batch(id) {
  const b = await api('batch/' + encodeURIComponent(id));
  if (b.txHash) {
    location.hash = '#/tx/' + b.txHash;
    return;
  }
  view.innerHTML = `<h1>Batch ${esc(b.batchId)}</h1><p>Status ${esc(b.status)}${b.error ? ': ' + esc(b.error) : ''}</p>`;
}

async function route() {
  const [, kind, ...rest] = location.hash.replace(/^#/, '').split('/');
  const key = decodeURIComponent(rest.join('/'));
  view.innerHTML = '<p class="muted">Loading…</p>';
  try {
    if (!kind) await overview();
    else if (kind === 'tx') await tx(key);
    else if (kind === 'operator') await operator(key);
    else if (kind === 'market') await market(key);
    else if (kind === 'batch') await batch(key);
    else if (kind === 'sensing') await sensing(key);
    else if (kind === 'court') await court(key);
    else throw new Error('no such page: ' + kind);
  } catch (e) {
    fail(e);
  }
}

document.getElementById('search').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const q = document.getElementById('q').value.trim();
  try {
    const r = await api('search?q=' + encodeURIComponent(q));
    location.hash = `#/${r.kind}/${r.kind === 'sensing' ? r.key : encodeURIComponent(r.key)}`;
  } catch (e) {
    fail(e);
  }
});
window.addEventListener('hashchange', route);
route();
