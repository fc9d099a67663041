// SpectrumLedger from JavaScript, as an operator integrating without Java would: ethers v6, the
// published ABI (contracts/abi/*.json) and the broker's HTTP API as broker-node/README.md documents
// it. Nothing else of the project is used.
//
// The world it runs against (a dev chain, the contracts, a broker, three operators) is described
// by the JSON file named in $SPECTRUM_INTEROP_ENV; broker-node's InteropSuiteTest writes it and
// runs this suite (`mvn verify` and CI run it that way).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ethers } from 'ethers';

const env = JSON.parse(fs.readFileSync(process.env.SPECTRUM_INTEROP_ENV, 'utf8'));
const abi = (name) => JSON.parse(fs.readFileSync(path.join(env.abiDir, `${name}.json`), 'utf8'));

// Besu-style free gas: the dev chain's base fee is 0, so every transaction sets its fees to 0
// rather than ethers' default tip.
const FREE = { maxFeePerGas: 0n, maxPriorityFeePerGas: 0n };

// The EIP-712 types, from broker-node/README.md.
const ORDER_TYPES = {
  Order: [
    { name: 'maker', type: 'address' },
    { name: 'side', type: 'uint8' },
    { name: 'band', type: 'uint32' },
    { name: 'cell', type: 'uint64' },
    { name: 'slotStart', type: 'uint64' },
    { name: 'slotEnd', type: 'uint64' },
    { name: 'quantity', type: 'uint64' },
    { name: 'limitPrice', type: 'uint128' },
    { name: 'nonce', type: 'uint64' },
    { name: 'validUntil', type: 'uint64' },
    { name: 'partialFill', type: 'bool' },
  ],
};
const CANCEL_TYPES = {
  Cancel: [
    { name: 'maker', type: 'address' },
    { name: 'nonce', type: 'uint64' },
  ],
};
// A signed request for an operator's own views (its orders, its fill stream): the target is the
// path and query exactly as sent, the broker the address in /v1/info; accepted once, before it
// expires, at most five minutes ahead.
const REQUEST_TYPES = {
  BrokerRequest: [
    { name: 'account', type: 'address' },
    { name: 'broker', type: 'address' },
    { name: 'method', type: 'string' },
    { name: 'target', type: 'string' },
    { name: 'expiresAt', type: 'uint64' },
    { name: 'nonce', type: 'uint64' },
  ],
};
const PERMIT_TYPES = {
  Permit: [
    { name: 'owner', type: 'address' },
    { name: 'spender', type: 'address' },
    { name: 'value', type: 'uint256' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
};
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

const provider = new ethers.JsonRpcProvider(env.rpcUrl, undefined, { staticNetwork: true });
const seller = new ethers.Wallet(env.seller, provider);
const buyer = new ethers.Wallet(env.buyer, provider);
const newcomer = new ethers.Wallet(env.newcomer, provider);
const exchange = new ethers.Contract(env.exchange, abi('SpectrumExchange'), provider);
const policy = new ethers.Contract(env.policy, abi('SpectrumPolicy'), provider);
const token = new ethers.Contract(env.token, abi('SettlementToken'), provider);
const market = {
  band: BigInt(env.market.band),
  cell: BigInt(env.market.cell),
  slotStart: BigInt(env.market.slotStart),
  slotEnd: BigInt(env.market.slotEnd),
};

let domain;
let info;

async function broker(method, route, body, headers = {}) {
  const res = await fetch(env.brokerUrl + route, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : null };
}

/** The Authorization header of `method route` signed by `wallet`, valid for a minute. */
async function authorization(wallet, method, route, { expiresIn = 60n } = {}) {
  const request = {
    account: wallet.address,
    broker: ethers.getAddress(info.broker),
    method,
    target: route,
    expiresAt: BigInt(Math.floor(Date.now() / 1000)) + expiresIn,
    nonce: ethers.toBigInt(ethers.randomBytes(8)),
  };
  const signature = await wallet.signTypedData(domain, REQUEST_TYPES, request);
  return `EIP712 account=${request.account}, expires=${request.expiresAt}, nonce=${request.nonce}, signature=${signature}`;
}

/** GETs one of `wallet`'s own views, signed by it. */
async function mine(wallet, route) {
  return broker('GET', route, undefined, { authorization: await authorization(wallet, 'GET', route) });
}

function order(maker, side, quantity, limitPrice, nonce, extra = {}) {
  return {
    maker: maker.address,
    side: side === 'bid' ? 0 : 1,
    band: market.band,
    cell: market.cell,
    slotStart: market.slotStart,
    slotEnd: market.slotEnd,
    quantity: BigInt(quantity),
    limitPrice: BigInt(limitPrice),
    nonce: BigInt(nonce),
    validUntil: market.slotStart,
    partialFill: true,
    ...extra,
  };
}

/** The body of POST /v1/orders: the order's fields, side as a word, integers as decimal strings. */
function submission(o, signature) {
  return {
    maker: o.maker,
    side: o.side === 0 ? 'bid' : 'ask',
    band: o.band.toString(),
    cell: ethers.toBeHex(o.cell),
    slotStart: o.slotStart.toString(),
    slotEnd: o.slotEnd.toString(),
    quantity: o.quantity.toString(),
    limitPrice: o.limitPrice.toString(),
    nonce: o.nonce.toString(),
    validUntil: o.validUntil.toString(),
    partialFill: o.partialFill,
    signature,
  };
}

/** The revert data of a failed call, whichever way ethers reports it. */
function revertData(e) {
  const data = e?.data ?? e?.info?.error?.data ?? e?.error?.data;
  assert.ok(typeof data === 'string' && data.startsWith('0x'), `no revert data in ${e}`);
  return data;
}

/** Reads the fill stream of `maker` until an event of `type` names `orderHash`. */
async function awaitFillEvent(wallet, type, orderHash, timeoutMs = 60_000) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const route = `/v1/operators/${wallet.address}/fills`;
    const headers = { authorization: await authorization(wallet, 'GET', route, { expiresIn: 120n }) };
    const res = await fetch(env.brokerUrl + route, { signal: controller.signal, headers });
    assert.equal(res.status, 200);
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffered = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('the fill stream ended');
      buffered += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffered.indexOf('\n\n')) >= 0) {
        const frame = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const event = /^event: (.*)$/m.exec(frame)?.[1];
        const data = /^data: (.*)$/m.exec(frame)?.[1];
        if (event === type && data && JSON.parse(data).orderHash === orderHash) {
          controller.abort();
          return JSON.parse(data);
        }
      }
    }
  } finally {
    clearTimeout(timer);
  }
}

before(async () => {
  const d = await exchange.eip712Domain();
  domain = { name: d.name, version: d.version, chainId: d.chainId, verifyingContract: d.verifyingContract };
  info = (await broker('GET', '/v1/info')).body;
});

after(() => provider.destroy());

describe('the EIP-712 domain and the order hash', () => {
  it('the exchange reports its domain and the broker names the same deployment', async () => {
    assert.equal(domain.name, 'SpectrumLedger Exchange');
    assert.equal(domain.version, '1');
    assert.equal(domain.chainId, BigInt(env.chainId));
    assert.equal(domain.verifyingContract, env.exchange);
    assert.equal(BigInt(info.chainId), BigInt(env.chainId));
    assert.equal(ethers.getAddress(info.exchange), env.exchange);
  });

  it('ethers, the exchange and the broker agree on an order hash: the digest the maker signs', async () => {
    const o = order(buyer, 'bid', 1000, 1_000_000, 900);
    const hash = ethers.TypedDataEncoder.hash(domain, ORDER_TYPES, o);
    assert.equal(await exchange.hashOrder(o), hash);
    const signature = await buyer.signTypedData(domain, ORDER_TYPES, o);
    const res = await broker('POST', '/v1/orders', submission(o, signature));
    assert.equal(res.status, 202, JSON.stringify(res.body));
    assert.equal(res.body.orderHash, hash);
    const view = await mine(buyer, `/v1/orders/${hash}`);
    assert.equal(view.status, 200);
    assert.equal(view.body.orderHash, hash);
  });
});

describe('an order from signing to settlement', () => {
  let bidHash;
  let askHash;
  let settled;

  it('orders signed with ethers are accepted, matched and settled, seen through the fill stream', async () => {
    const ask = order(seller, 'ask', 2000, 2_000_000, 1);
    const bid = order(buyer, 'bid', 2000, 2_500_000, 1);
    askHash = ethers.TypedDataEncoder.hash(domain, ORDER_TYPES, ask);
    bidHash = ethers.TypedDataEncoder.hash(domain, ORDER_TYPES, bid);
    const stream = awaitFillEvent(buyer, 'settled', bidHash);
    const a = await broker('POST', '/v1/orders', submission(ask, await seller.signTypedData(domain, ORDER_TYPES, ask)));
    const b = await broker('POST', '/v1/orders', submission(bid, await buyer.signTypedData(domain, ORDER_TYPES, bid)));
    assert.equal(a.status, 202, JSON.stringify(a.body));
    assert.equal(b.status, 202, JSON.stringify(b.body));
    settled = await stream;
    assert.equal(settled.orderHash, bidHash);
    assert.equal(BigInt(settled.quantity), 2000n);
    assert.ok(settled.txHash, 'a settled fill names its transaction');
  });

  it('leases, holdings and escrow read with ethers match the trade', async () => {
    const id = await exchange.marketId(market.band, market.cell, market.slotStart, market.slotEnd);
    assert.equal(await exchange.balanceOf(buyer.address, id), 2000n);
    assert.deepEqual(
      [...(await exchange.balanceOfBatch([buyer.address, seller.address], [id, id]))],
      [2000n, 0n],
    );
    const licence = BigInt(env.sellerLicence);
    assert.equal(
      await exchange.holdings(seller.address, market.band, market.cell, market.slotStart, market.slotEnd),
      licence - 2000n,
    );
    const price = BigInt(settled.price);
    assert.equal(await exchange.escrowOf(seller.address), (price * 2000n) / 1000n);
    assert.equal(await exchange.escrowOf(buyer.address), BigInt(env.buyerEscrow) - (price * 2000n) / 1000n);
  });

  it('the settlement transaction and its events decode with the published ABI', async () => {
    const tx = await provider.getTransaction(settled.txHash);
    const call = exchange.interface.parseTransaction(tx);
    assert.equal(call.name, 'settleBatch');
    const [, clearings] = call.args;
    const fills = clearings.flatMap((c) => [...c.fills]);
    assert.ok(fills.some((f) => f.maker === buyer.address && f.fillQuantity === 2000n));
    const receipt = await provider.getTransactionReceipt(settled.txHash);
    const events = receipt.logs
      .filter((l) => l.address === env.exchange)
      .map((l) => exchange.interface.parseLog(l))
      .filter(Boolean);
    const trades = events.filter((e) => e.name === 'TradeSettled').map((e) => e.args.orderHash);
    assert.ok(trades.includes(bidHash), 'TradeSettled names the bid by its digest');
    assert.ok(trades.includes(askHash), 'TradeSettled names the ask by its digest');
    const transfers = events.filter((e) => e.name === 'TransferSingle');
    assert.ok(transfers.length >= 1);
    for (const t of transfers) {
      assert.equal(t.args.operator, ethers.getAddress(info.broker), 'the ERC-1155 operator is the broker that settled');
    }
  });

  it('a balanceOfBatch with arrays of different lengths fails with ERC-1155 named error', async () => {
    await assert.rejects(exchange.balanceOfBatch([buyer.address], [1n, 2n]), (e) => {
      const err = exchange.interface.parseError(revertData(e));
      assert.equal(err.name, 'ERC1155InvalidArrayLength');
      return true;
    });
  });
});

describe('cancels and permits signed with ethers', () => {
  it('a signed cancel takes a resting order out of the book', async () => {
    const o = order(buyer, 'bid', 1000, 1_000_000, 7);
    const hash = ethers.TypedDataEncoder.hash(domain, ORDER_TYPES, o);
    const posted = await broker('POST', '/v1/orders', submission(o, await buyer.signTypedData(domain, ORDER_TYPES, o)));
    assert.equal(posted.status, 202, JSON.stringify(posted.body));
    const signature = await buyer.signTypedData(domain, CANCEL_TYPES, { maker: buyer.address, nonce: 7n });
    const res = await broker('POST', '/v1/cancels', { maker: buyer.address, nonce: '7', signature });
    assert.ok(res.status === 200 || res.status === 202, JSON.stringify(res.body));
    assert.equal((await mine(buyer, `/v1/orders/${hash}`)).body.status, 'cancelled');
  });

  it('a permit signed with ethers deposits in one transaction', async () => {
    const t = await token.eip712Domain();
    const tokenDomain = { name: t.name, version: t.version, chainId: t.chainId, verifyingContract: t.verifyingContract };
    const value = 5_000_000n;
    const deadline = BigInt((await provider.getBlock('latest')).timestamp) + 3600n;
    const permit = {
      owner: newcomer.address,
      spender: env.exchange,
      value,
      nonce: await token.nonces(newcomer.address),
      deadline,
    };
    const sig = ethers.Signature.from(await newcomer.signTypedData(tokenDomain, PERMIT_TYPES, permit));
    const before = await exchange.escrowOf(newcomer.address);
    const tx = await exchange.connect(newcomer).depositWithPermit(value, deadline, sig.v, sig.r, sig.s, FREE);
    const receipt = await tx.wait();
    assert.equal(receipt.status, 1);
    assert.equal(await exchange.escrowOf(newcomer.address), before + value);
  });
});

describe('reverts of every contract decode with the published ABI', () => {
  it('the exchange: its own errors', async () => {
    await assert.rejects(exchange.connect(buyer).withdraw.staticCall(), (e) => {
      assert.equal(exchange.interface.parseError(revertData(e)).name, 'ExchangeNoWithdrawal');
      return true;
    });
  });

  it("the exchange: the policy's errors, with the exchange's ABI alone", async () => {
    const stranger = ethers.Wallet.createRandom().address;
    await assert.rejects(
      exchange.holdings(stranger, market.band, market.cell, market.slotStart, market.slotEnd),
      (e) => {
        const err = exchange.interface.parseError(revertData(e));
        assert.equal(err.name, 'PolicyOperatorNotRegistered');
        assert.equal(err.args.operator, stranger);
        return true;
      },
    );
  });

  it("the exchange: the token's errors, with the exchange's ABI alone", async () => {
    const huge = 10n ** 30n;
    await assert.rejects(exchange.connect(newcomer).deposit.staticCall(huge), (e) => {
      const err = exchange.interface.parseError(revertData(e));
      assert.ok(['ERC20InsufficientAllowance', 'ExchangeInvalidAmount'].includes(err.name), err.name);
      return true;
    });
    await assert.rejects(exchange.connect(newcomer).deposit.staticCall(1_000n), (e) => {
      assert.equal(exchange.interface.parseError(revertData(e)).name, 'ERC20InsufficientAllowance');
      return true;
    });
  });

  it('the policy and the token, each with its own ABI', async () => {
    await assert.rejects(
      policy.connect(buyer).grantLicence.staticCall(buyer.address, market.band, market.cell, 1n, 0n, 1n),
      (e) => {
        assert.equal(policy.interface.parseError(revertData(e)).name, 'AccessControlUnauthorizedAccount');
        return true;
      },
    );
    await assert.rejects(token.connect(newcomer).transfer.staticCall(buyer.address, 10n ** 30n), (e) => {
      assert.equal(token.interface.parseError(revertData(e)).name, 'ERC20InsufficientBalance');
      return true;
    });
  });
});

describe('integers beyond 2^53 and the refusals a wallet user meets', () => {
  it('every integer is accepted as a decimal string, and a nonce of 2^63 (a valid uint64) round-trips', async () => {
    const o = order(buyer, 'bid', 1000, 1_000_000, 2n ** 63n);
    const hash = ethers.TypedDataEncoder.hash(domain, ORDER_TYPES, o);
    const res = await broker('POST', '/v1/orders', submission(o, await buyer.signTypedData(domain, ORDER_TYPES, o)));
    assert.equal(res.status, 202, JSON.stringify(res.body));
    assert.equal(res.body.orderHash, hash);
    const view = await mine(buyer, `/v1/orders/${hash}`);
    assert.equal(view.body.nonce, (2n ** 63n).toString(), 'integers come back as decimal strings');
    assert.equal(view.body.limitPrice, '1000000');
  });

  it('a limit price of 1e19 (a valid uint128) is judged by the market rules, not refused as unreadable', async () => {
    const o = order(buyer, 'bid', 1000, 10n ** 19n, 901);
    const res = await broker('POST', '/v1/orders', submission(o, await buyer.signTypedData(domain, ORDER_TYPES, o)));
    assert.notEqual(res.body?.reason, 'malformed', JSON.stringify(res.body));
    if (res.status !== 202) {
      assert.match(res.type, /application\/problem\+json/);
      assert.doesNotMatch(res.body.detail, /long|java|jackson/i);
    }
  });

  it('a high-s signature is refused for what it is', async () => {
    const o = order(buyer, 'bid', 1000, 1_000_000, 902);
    const sig = ethers.Signature.from(await buyer.signTypedData(domain, ORDER_TYPES, o));
    const highS = ethers.toBeHex(SECP256K1_N - BigInt(sig.s), 32);
    const flipped = ethers.concat([sig.r, highS, ethers.toBeHex(sig.v === 27 ? 28 : 27, 1)]);
    const res = await broker('POST', '/v1/orders', submission(o, flipped));
    assert.equal(res.status, 400);
    assert.equal(res.body.reason, 'bad-signature');
    assert.match(res.body.detail, /low-s|upper half/);
  });

  it('a malformed body gets a plain problem, never a class name', async () => {
    for (const body of ['null', '{"maker": 5}', '{"maker":"0x00","side":"sideways"}', '[1,2]']) {
      const res = await broker('POST', '/v1/orders', body);
      assert.equal(res.status, 400, body);
      assert.match(res.type, /application\/problem\+json/);
      assert.doesNotMatch(res.body.detail, /com\.|java\.|jackson|Exception/i, body);
    }
  });
});

describe("an operator's own views need its key, and a non-RT book is sealed", () => {
  let hash;

  before(async () => {
    const o = order(buyer, 'bid', 1000, 1_000_000, 903);
    hash = ethers.TypedDataEncoder.hash(domain, ORDER_TYPES, o);
    const res = await broker('POST', '/v1/orders', submission(o, await buyer.signTypedData(domain, ORDER_TYPES, o)));
    assert.equal(res.status, 202, JSON.stringify(res.body));
  });

  it('a request signed with ethers reads the maker its own orders', async () => {
    const route = `/v1/orders?maker=${buyer.address}&limit=5`;
    const res = await mine(buyer, route);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.ok(res.body.orders.some((o) => o.orderHash === hash));
  });

  it('without a signature, with another wallet, or replayed, nothing of the order is shown', async () => {
    const route = `/v1/orders?maker=${buyer.address}`;
    const anonymous = await broker('GET', route);
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.reason, 'unauthenticated');
    const rival = await mine(newcomer, route);
    assert.equal(rival.status, 403);
    assert.equal(rival.body.reason, 'forbidden');
    const other = await mine(newcomer, `/v1/orders/${hash}`);
    assert.equal(other.status, 404);
    assert.equal(other.body.reason, 'unknown-order');
    assert.doesNotMatch(JSON.stringify(other.body), /1000000/);
    const stream = await broker('GET', `/v1/operators/${buyer.address}/fills`);
    assert.equal(stream.status, 401);
    const header = await authorization(buyer, 'GET', route);
    assert.equal((await broker('GET', route, undefined, { authorization: header })).status, 200);
    const replayed = await broker('GET', route, undefined, { authorization: header });
    assert.equal(replayed.status, 401);
    assert.equal(replayed.body.reason, 'auth-replayed');
  });

  it("the market's book is sealed until its auction clears", async () => {
    const key = encodeURIComponent(`${market.band}/${ethers.toBeHex(market.cell)}/${market.slotStart}-${market.slotEnd}`);
    const res = await broker('GET', `/v1/markets/${key}/depth`);
    assert.equal(res.status, 403);
    assert.equal(res.body.reason, 'book-sealed');
    const markets = await broker('GET', '/v1/markets');
    for (const m of markets.body.markets) {
      if (!m.lit) {
        assert.equal(m.openOrders, null);
        assert.equal(m.bestBid, null);
        assert.equal(m.bestAsk, null);
      }
    }
  });
});
