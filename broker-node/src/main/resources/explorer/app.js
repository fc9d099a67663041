// SpectrumLedger explorer: a single page over /explorer/api. Hash routes:
// #/  #/tx/HASH  #/operator/ADDRESS  #/market/KEY  #/batch/ID
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
    <p class="muted">Exchange ${link('operator', o.exchange, o.exchange)}</p>
    <h2>Latest batches</h2>
    ${table(['batch', 'transaction', 'block', 'markets', 'fills', 'fees'], o.batches.map((b) => [
      link('batch', b.batchId, '#' + b.batchId), link('tx', b.txHash), esc(b.block), esc(b.markets), esc(b.fills), esc(b.fees)]))}
    <h2>Latest blocks</h2>
    ${table(['block', 'time', 'gas', 'transactions'], o.blocks.map((b) => [
      esc(b.number), esc(new Date(b.timestamp * 1000).toISOString()), esc(b.gasUsed),
      b.transactions.map((t) => link('tx', t, t.slice(0, 18) + '…')).join(' ')]))}`;
}

async function tx(hash) {
  const t = await api('tx/' + encodeURIComponent(hash));
  let html = `<h1>Transaction</h1><div class="kv">
    <span>hash</span><span class="mono">${esc(t.txHash)}</span>
    <span>status</span><span class="${t.status === 'success' ? 'ok' : 'bad'}">${esc(t.status)}</span>
    <span>block</span><span>${esc(t.block)} (${esc(new Date(t.timestamp * 1000).toISOString())})</span>
    <span>from</span><span>${link('operator', t.from)}</span>
    <span>call</span><span>${esc(t.contract)}.${esc(t.function)}</span>
    <span>gas used</span><span>${esc(t.gasUsed)}</span>
    ${t.revert ? `<span>revert</span><span class="bad">${esc(t.revert)}</span>` : ''}</div>`;
  if (t.arguments.length) {
    html += `<h2>Arguments</h2>${table(['name', 'type', 'value'], t.arguments.map((a) => [esc(a.name), esc(a.type), `<span class="mono">${esc(a.value)}</span>`]))}`;
  }
  if (t.settlement) {
    const s = t.settlement;
    html += `<h2 id="settlement">Batch ${esc(s.batchId)}: ${esc(s.clearings.length)} market(s), ${esc(s.fills)} fills</h2>`;
    for (const c of s.clearings) {
      html += `<div class="clearing"><p>Market ${link('market', c.market)} — uniform price <strong>${esc(c.price)}</strong> per SRU, ${esc(c.volumeSru)} SRU traded</p>
        ${table(['side', 'maker', 'SRU filled', 'order SRU', 'limit', 'nonce', 'order hash'], c.fills.map((f) => [
          esc(f.side), link('operator', f.maker), `<span class="num">${esc(f.sru)}</span>`, esc(f.orderSru), esc(f.limitPrice), esc(f.nonce),
          `<span class="mono">${esc(f.orderHash)}</span>`]))}</div>`;
    }
  }
  html += `<h2>Events</h2>${table(['#', 'event', 'fields'], t.events.map((e) => [esc(e.logIndex), esc(e.name),
    Object.entries(e.fields).map(([k, v]) => `${esc(k)}=<span class="mono">${esc(v)}</span>`).join('<br>')]))}`;
  view.innerHTML = html;
}

async function operator(address) {
  const o = await api('operator/' + encodeURIComponent(address));
  const leases = (ls) => table(['market', 'SRU', 'slot'], ls.map((l) => [link('market', l.market), esc(l.sru),
    esc(new Date(l.slotStart * 1000).toISOString()) + ' → ' + esc(new Date(l.slotEnd * 1000).toISOString())]));
  view.innerHTML = `<h1>${o.registered ? esc(o.name) + ' <span class="muted">(' + esc(o.kind) + ')</span>' : 'Unregistered address'}</h1>
    <div class="kv"><span>address</span><span class="mono">${esc(o.address)}</span>
    <span>escrow</span><span>${esc(o.escrow)}</span><span>token balance</span><span>${esc(o.tokenBalance)}</span>
    <span>suspended</span><span>${esc(o.suspended)}</span>
    <span>pending withdrawal</span><span>${o.pendingWithdrawal ? esc(o.pendingWithdrawal.amount) : 'none'}</span></div>
    <h2>Leases now</h2>${leases(o.leasesNow)}<h2>Leases ahead</h2>${leases(o.leasesAhead)}
    <h2>Trades</h2>${table(['side', 'market', 'SRU', 'price', 'transaction'], o.trades.map((t) => [esc(t.side), link('market', t.market),
      esc(t.sru), esc(t.price), link('tx', t.txHash, t.txHash.slice(0, 18) + '…')]))}`;
}

function chart(points) {
  if (points.length === 0) return '<p class="muted">No clearings yet.</p>';
  const prices = points.map((p) => Number(p.price));
  const lo = Math.min(...prices), hi = Math.max(...prices), span = hi - lo || 1;
  const x = (i) => 40 + (points.length === 1 ? 0 : (i * 740) / (points.length - 1));
  const y = (p) => 190 - ((p - lo) / span) * 160;
  const coords = prices.map((p, i) => `${x(i).toFixed(1)},${y(p).toFixed(1)}`).join(' ');
  return `<svg class="chart" viewBox="0 0 800 220" id="price-chart">
    <text x="4" y="24" font-size="11">${esc(hi)}</text><text x="4" y="194" font-size="11">${esc(lo)}</text>
    <polyline points="${coords}"></polyline>${prices.map((p, i) => `<circle cx="${x(i)}" cy="${y(p)}" r="3"></circle>`).join('')}</svg>`;
}

async function market(key) {
  const m = await api('market/' + encodeURIComponent(key));
  const depthRows = (side) => ((m.depth && m.depth[side]) || []).map((l) => [esc(l.price), esc(l.quantity / 1000), esc(l.orders)]);
  view.innerHTML = `<h1>Market ${esc(m.market)}</h1>
    <div class="kv"><span>band</span><span>${esc(m.band)}</span><span>cell</span><span class="mono">${esc(m.cell)}</span>
    <span>slot</span><span>${esc(new Date(m.slotStart * 1000).toISOString())} → ${esc(new Date(m.slotEnd * 1000).toISOString())}</span>
    <span>sensing</span><span>${m.sensing ? (m.sensing.idle ? 'idle' : 'busy') + ' at ' + esc(m.sensing.reportedAt) : (m.sensingRequired ? 'required, none yet' : 'not required')}</span>
    <span>protection</span><span>${m.protectionZones.length ? esc(m.protectionZones.length) + ' zone(s) in force' : 'none'}</span></div>
    <h2>Order book now</h2>
    ${m.lit ? `<p id="book-lit">Lit by the regulator's rule (listed, signed, in /v1/info).</p><div style="display:flex;gap:1rem"><div style="flex:1"><h3>Bids</h3>${table(['price', 'SRU', 'orders'], depthRows('bids'))}</div>
    <div style="flex:1"><h3>Asks</h3>${table(['price', 'SRU', 'orders'], depthRows('asks'))}</div></div>`
    : '<p id="book-sealed">Sealed: nobody but the broker sees this book until its auction clears; its result is public after.</p>'}
    <h2>Cleared prices</h2>${chart(m.clearings)}
    ${table(['batch', 'block', 'price', 'SRU', 'transaction'], m.clearings.map((c) => [esc(c.batchId), esc(c.block), esc(c.price), esc(c.volumeSru), link('tx', c.txHash, c.txHash.slice(0, 18) + '…')]))}`;
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
    location.hash = `#/${r.kind}/${encodeURIComponent(r.key)}`;
  } catch (e) {
    fail(e);
  }
});
window.addEventListener('hashchange', route);
route();
