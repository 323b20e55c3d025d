// Unit checks of src/calls/callConnection.ts (the negotiation of a video call), run with `npm test` (and by the
// Maven build). A fake WebSocket and a fake RTCPeerConnection stand in for the browser's: they follow the
// signalling-state rules the code relies on (offer, answer, implicit rollback, negotiationneeded only when stable
// and idle), never ICE, so a connection here stays "new" unless a test moves it on. The browser tests
// (VideoCallTest) prove the real thing; these pin down the order of moves, which a real browser shows only by chance.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, mock, test } from 'node:test';
import { createServer } from 'vite';

class FakeWebSocket {
  static OPEN = 1;
  static made = [];

  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.sent = [];
    FakeWebSocket.made.push(this);
  }

  open() {
    this.readyState = 1;
    this.onopen?.();
  }

  deliver(message) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }

  send(text) {
    this.sent.push(JSON.parse(text));
  }

  close(code = 1000) {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({ code });
  }

  types() {
    return this.sent.map((m) => m.type ?? 'token');
  }
}

class FakePeerConnection {
  static made = [];

  constructor(config) {
    this.config = config;
    this.signalingState = 'stable';
    this.connectionState = 'new';
    this.iceConnectionState = 'new';
    this.localDescription = null;
    this.remoteDescription = null;
    this.senders = [];
    this.closed = false;
    this.busy = 0;
    this.needsNegotiation = false;
    this.offers = 0;
    FakePeerConnection.made.push(this);
  }

  addTrack(track) {
    this.senders.push({ track });
    this.needsNegotiation = true;
    this.checkNegotiation();
  }

  getSenders() {
    return this.senders;
  }

  restartIce() {
    this.needsNegotiation = true;
    this.checkNegotiation();
  }

  /** Like the browser: a task later, and only when stable with no operation under way. */
  checkNegotiation() {
    setImmediate(() => {
      if (!this.closed && this.busy === 0 && this.signalingState === 'stable' && this.needsNegotiation) {
        this.onnegotiationneeded?.();
      }
    });
  }

  async setLocalDescription() {
    this.busy++;
    await Promise.resolve();
    try {
      if (this.signalingState === 'stable') {
        this.localDescription = { type: 'offer', sdp: `offer-${++this.offers}` };
        this.setSignaling('have-local-offer');
      } else if (this.signalingState === 'have-remote-offer') {
        this.localDescription = { type: 'answer', sdp: 'answer' };
        this.needsNegotiation = false;
        this.setSignaling('stable');
      } else {
        throw new Error(`setLocalDescription in ${this.signalingState}`);
      }
    } finally {
      this.busy--;
      this.checkNegotiation();
    }
  }

  async setRemoteDescription(description) {
    this.busy++;
    await Promise.resolve();
    try {
      if (description.type === 'offer') {
        if (this.signalingState === 'have-local-offer') {
          this.localDescription = null; // implicit rollback
          this.setSignaling('stable');
        }
        this.remoteDescription = description;
        this.setSignaling('have-remote-offer');
      } else {
        if (this.signalingState !== 'have-local-offer') throw new Error(`answer in ${this.signalingState}`);
        this.remoteDescription = description;
        this.needsNegotiation = false;
        this.setSignaling('stable');
      }
    } finally {
      this.busy--;
      this.checkNegotiation();
    }
  }

  async addIceCandidate() {
    if (!this.remoteDescription) throw new Error('no remote description');
  }

  setSignaling(state) {
    this.signalingState = state;
    this.onsignalingstatechange?.();
  }

  /** What ICE would do: a test moves the connection on by hand. */
  moveTo(state) {
    this.connectionState = state;
    this.onconnectionstatechange?.();
  }

  close() {
    this.closed = true;
    this.signalingState = 'closed';
  }
}

globalThis.window = { location: { protocol: 'http:', host: 'localhost' } };
globalThis.WebSocket = FakeWebSocket;
globalThis.RTCPeerConnection = FakePeerConnection;
globalThis.fetch = async () => new Response(JSON.stringify({ accessToken: 'header.payload.signature' }), {
  status: 200, headers: { 'Content-Type': 'application/json' },
});

const server = await createServer({ configFile: false, logLevel: 'silent', server: { middlewareMode: true, hmr: false }, appType: 'custom' });
const { CallConnection } = await server.ssrLoadModule('/src/calls/callConnection.ts');
const { login } = await server.ssrLoadModule('/src/api/client.ts');
await login('someone@example.org', 'a password'); // the socket's first message carries the access token
await server.close();

/** Lets queued messages, promise chains and the fakes' tasks run. */
async function settle() {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

const localStream = { getTracks: () => [{ kind: 'audio' }, { kind: 'video' }] };
const quiet = { onPhase() {}, onConnectionState() {}, onRemoteStream() {} };

/** A started side of the call whose socket is open and has sent its token. */
async function side(polite) {
  const call = new CallConnection({ sessionId: 'session-1', iceServers: [], iceTransportPolicy: 'all', polite, localStream }, quiet);
  call.start();
  await settle();
  const socket = FakeWebSocket.made.at(-1);
  socket.open();
  assert.deepEqual(socket.sent, [{ token: 'header.payload.signature' }]);
  return { call, socket };
}

beforeEach(() => {
  FakeWebSocket.made.length = 0;
  FakePeerConnection.made.length = 0;
  mock.timers.enable({ apis: ['setTimeout'] });
});

afterEach(() => mock.timers.reset());

test('when the other party joins, the impolite side (the therapist) makes a connection and offers', async () => {
  const { socket } = await side(false);
  socket.deliver({ type: 'peer-joined', role: 'client' });
  await settle();
  assert.equal(FakePeerConnection.made.length, 1);
  assert.deepEqual(socket.types(), ['token', 'offer']);
});

test('the polite side (the client) does not offer when the other joins: it answers the offer on a fresh connection', async () => {
  const { call, socket } = await side(true);
  socket.deliver({ type: 'peer-joined', role: 'therapist' });
  await settle();
  // both offering at once would make the client roll its offer back, after which Chrome may never gather
  assert.equal(FakePeerConnection.made.length, 0, 'no connection before the offer');
  assert.deepEqual(socket.types(), ['token']);

  socket.deliver({ type: 'offer', description: { type: 'offer', sdp: 'their-offer' } });
  await settle();
  assert.equal(FakePeerConnection.made.length, 1);
  const pc = call.peerConnection();
  assert.equal(pc.remoteDescription.sdp, 'their-offer');
  assert.equal(pc.signalingState, 'stable');
  assert.deepEqual(socket.types(), ['token', 'answer'], 'an answer, and no offer of its own');
});

test('a repeated peer-joined right after the offer keeps the connection that answered it', async () => {
  const { call, socket } = await side(true);
  socket.deliver({ type: 'offer', description: { type: 'offer', sdp: 'their-offer' } });
  socket.deliver({ type: 'peer-joined', role: 'therapist' });
  await settle();
  assert.equal(FakePeerConnection.made.length, 1);
  assert.equal(call.peerConnection(), FakePeerConnection.made[0]);
  assert.deepEqual(socket.types(), ['token', 'answer']);
});

test('no offer within five seconds of peer-joined: the polite side offers itself', async () => {
  const { socket } = await side(true);
  socket.deliver({ type: 'peer-joined', role: 'therapist' });
  await settle();
  mock.timers.tick(4999);
  await settle();
  assert.equal(FakePeerConnection.made.length, 0);
  mock.timers.tick(1);
  await settle();
  assert.equal(FakePeerConnection.made.length, 1);
  assert.deepEqual(socket.types(), ['token', 'offer']);
});

test('the other party leaving cancels the wait for its offer', async () => {
  const { socket } = await side(true);
  socket.deliver({ type: 'peer-joined', role: 'therapist' });
  socket.deliver({ type: 'peer-left', role: 'therapist' });
  await settle();
  mock.timers.tick(60_000);
  await settle();
  assert.equal(FakePeerConnection.made.length, 0);
  assert.deepEqual(socket.types(), ['token']);
});

test('negotiated but no ICE check for 8 s: the polite side starts over on a new socket', async () => {
  const { call, socket } = await side(true);
  socket.deliver({ type: 'peer-joined', role: 'therapist' });
  socket.deliver({ type: 'offer', description: { type: 'offer', sdp: 'their-offer' } });
  await settle();
  const stuck = call.peerConnection();
  mock.timers.tick(7999);
  await settle();
  assert.equal(socket.readyState, FakeWebSocket.OPEN, 'still waiting');
  mock.timers.tick(1);
  await settle();
  assert.equal(stuck.closed, true, 'the stuck connection is closed');
  assert.equal(call.peerConnection(), null);
  assert.equal(socket.readyState, 3, 'its socket closed, so the other side hears peer-left');
  mock.timers.tick(1000); // the reconnect waits 0.5–1 s after a socket that had been open
  await settle();
  assert.equal(FakeWebSocket.made.length, 2, 'a new socket: the other side hears peer-joined and offers afresh');
  assert.ok(call.trace().some((step) => step.includes('starting over')));
});

test('the impolite side waits longer before it starts over, so that the two do not at once', async () => {
  const { call, socket } = await side(false);
  socket.deliver({ type: 'peer-joined', role: 'client' });
  await settle();
  socket.deliver({ type: 'answer', description: { type: 'answer', sdp: 'their-answer' } });
  await settle();
  assert.equal(call.peerConnection().signalingState, 'stable');
  mock.timers.tick(14_999);
  await settle();
  assert.equal(socket.readyState, FakeWebSocket.OPEN);
  mock.timers.tick(1);
  await settle();
  assert.equal(socket.readyState, 3);
});

test('a connection whose ICE checks have begun is left alone', async () => {
  const { call, socket } = await side(true);
  socket.deliver({ type: 'peer-joined', role: 'therapist' });
  socket.deliver({ type: 'offer', description: { type: 'offer', sdp: 'their-offer' } });
  await settle();
  call.peerConnection().moveTo('connecting');
  mock.timers.tick(60_000);
  await settle();
  assert.equal(socket.readyState, FakeWebSocket.OPEN);
  assert.equal(FakePeerConnection.made.length, 1);
  assert.equal(call.peerConnection().closed, false);
});
