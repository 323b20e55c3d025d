import { currentAccessToken, refresh } from '../api/client';

/**
 * One side of a session's video call: the signalling socket (API.md: WebSocket
 * /api/sessions/{id}/call/signal, token in the first message, never the URL) and the
 * RTCPeerConnection, negotiated with the perfect-negotiation pattern so that either party may join
 * first and either may reconnect: the client is the polite peer, the therapist the impolite one.
 * A fresh RTCPeerConnection is made whenever the other party (re)joins, so a reload on either side
 * starts a clean negotiation (with new ICE) instead of patching a dead one.
 */
export type CallPhase = 'connecting' | 'waiting' | 'in-call' | 'refused' | 'ended';

export interface CallEvents {
  onPhase(phase: CallPhase, detail?: string): void;
  onConnectionState(state: RTCPeerConnectionState | 'new'): void;
  onRemoteStream(stream: MediaStream | null): void;
}

export interface CallOptions {
  sessionId: string;
  iceServers: RTCIceServer[];
  iceTransportPolicy: RTCIceTransportPolicy;
  polite: boolean;
  localStream: MediaStream;
}

const NOT_PERMITTED = 4403;
const POLICY_VIOLATION = 1008;
/** How long the polite side waits for the other's offer after a peer-joined before it offers itself. */
const OFFER_WAIT_MS = 5000;
/**
 * How long a negotiated connection may stay "new" (no ICE check at all) before the side starts the call over: the
 * polite side first, the impolite side later, so that the two do not start over at once.
 */
const STALL_MS_POLITE = 8000;
const STALL_MS_IMPOLITE = 15000;

export class CallConnection {
  private socket: WebSocket | null = null;
  private pc: RTCPeerConnection | null = null;
  private makingOffer = false;
  private ignoreOffer = false;
  private stopped = false;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private offerWait: ReturnType<typeof setTimeout> | undefined;
  private stallCheck: ReturnType<typeof setTimeout> | undefined;
  private localStream: MediaStream;
  private peerJoinedAt = 0;
  /** When the current RTCPeerConnection was made for an offer that came before any peer-joined told of its sender. */
  private answeringSince = 0;
  /** Signalling messages are handled one at a time, in arrival order (see onmessage). */
  private inbox: Promise<void> = Promise.resolve();
  /** What happened to the negotiation, newest last: message types and states only, never SDP or addresses. */
  private readonly steps: string[] = [];
  private readonly startedAt = Date.now();
  private candidatesSent = 0;
  private candidatesReceived = 0;

  constructor(private readonly options: CallOptions, private readonly events: CallEvents) {
    this.localStream = options.localStream;
  }

  start(): void {
    void this.connect(false);
  }

  /** The current peer connection, for its state and getStats(). */
  peerConnection(): RTCPeerConnection | null {
    return this.pc;
  }

  /** The last steps of the negotiation, for support and for the browser tests' failure reports. */
  trace(): string[] {
    return [...this.steps, `candidates of this connection: ${this.candidatesSent} sent, ${this.candidatesReceived} received`];
  }

  private note(step: string): void {
    this.steps.push(`${((Date.now() - this.startedAt) / 1000).toFixed(1)}s ${step}`);
    if (this.steps.length > 80) this.steps.shift();
  }

  /** Swaps the camera or microphone without renegotiating (replaceTrack). */
  async useStream(stream: MediaStream): Promise<void> {
    this.localStream = stream;
    const pc = this.pc;
    if (!pc) return;
    for (const track of stream.getTracks()) {
      const sender = pc.getSenders().find((s) => s.track?.kind === track.kind);
      if (sender) await sender.replaceTrack(track);
      else pc.addTrack(track, stream);
    }
  }

  leave(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.send({ type: 'bye' });
    this.closePeer();
    this.socket?.close(1000, 'left');
    this.socket = null;
    this.events.onPhase('ended');
  }

  private async connect(needsRefresh: boolean): Promise<void> {
    if (this.stopped) return;
    if (needsRefresh || !currentAccessToken()) {
      try {
        if (!(await refresh())) {
          this.events.onPhase('refused', 'Your session has ended. Please sign in again.');
          return;
        }
      } catch {
        this.schedule(false);
        return;
      }
    }
    const token = currentAccessToken();
    if (!token || this.stopped) return;
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(`${scheme}://${window.location.host}/api/sessions/${encodeURIComponent(this.options.sessionId)}/call/signal`);
    this.socket = ws;
    ws.onopen = () => {
      this.note('socket open');
      ws.send(JSON.stringify({ token }));
      this.attempt = 0;
      this.events.onPhase('waiting');
    };
    // One message at a time: an offer's answer is sent before the next message (a peer-joined, say) may replace
    // the connection, or the other side would wait for an answer that never comes.
    ws.onmessage = (event) => {
      const text = String(event.data);
      this.inbox = this.inbox.then(() => this.onSignal(text)).catch((e: unknown) => {
        this.note(`failed: ${e instanceof Error ? e.name : 'error'}`); // not the message: it may quote the SDP
      });
    };
    ws.onclose = (event) => {
      this.note(`socket closed ${event.code}`);
      if (this.socket === ws) this.socket = null;
      if (this.stopped) return;
      if (event.code === NOT_PERMITTED) {
        this.stopped = true;
        this.closePeer();
        this.events.onPhase('refused', 'This call is not available now: the session was cancelled, the link ended or the time to join is over.');
        return;
      }
      this.events.onPhase('connecting');
      this.schedule(event.code === POLICY_VIOLATION);
    };
  }

  private schedule(needsRefresh: boolean): void {
    const base = Math.min(1000 * 2 ** this.attempt, 15000);
    this.attempt++;
    this.timer = setTimeout(() => void this.connect(needsRefresh), base / 2 + Math.random() * (base / 2));
  }

  private send(message: { type: string; [field: string]: unknown }): void {
    if (this.socket?.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify(message));
      if (message.type === 'candidate') this.candidatesSent++;
      else this.note(`sent ${message.type}`);
    } else {
      this.note(`not sent (socket not open): ${message.type}`);
    }
  }

  private newPeer(): RTCPeerConnection {
    this.closePeer();
    const pc = new RTCPeerConnection({
      iceServers: this.options.iceServers,
      iceTransportPolicy: this.options.iceTransportPolicy,
    });
    this.pc = pc;
    this.note('new peer connection');
    this.candidatesSent = 0;
    this.candidatesReceived = 0;
    this.makingOffer = false;
    this.ignoreOffer = false;
    this.answeringSince = 0;
    pc.onnegotiationneeded = async () => {
      try {
        this.makingOffer = true;
        await pc.setLocalDescription();
        this.send({ type: 'offer', description: pc.localDescription });
      } catch (e) {
        this.note(`offer failed: ${e instanceof Error ? e.name : 'error'}`);
        // a later negotiation will follow
      } finally {
        this.makingOffer = false;
      }
    };
    pc.onicecandidate = ({ candidate }) => {
      if (candidate) this.send({ type: 'candidate', candidate });
      else this.note('gathering complete');
    };
    pc.oniceconnectionstatechange = () => this.note(`ice ${pc.iceConnectionState}`);
    pc.ontrack = ({ streams }) => this.events.onRemoteStream(streams[0] ?? null);
    pc.onconnectionstatechange = () => {
      this.note(`connection ${pc.connectionState}`);
      this.events.onConnectionState(pc.connectionState);
      if (pc.connectionState === 'failed') pc.restartIce();
    };
    // A safety net: offer and answer are both set, yet no ICE check has begun. Chrome, for one, at times never
    // gathers a candidate for an answer made right after rolling back its own offer, and restartIce() does not
    // revive that connection (tried: eight restarts, none gathered). So the side starts over: a new socket, which
    // the other side hears as peer-left and peer-joined, and fresh connections on both sides.
    pc.onsignalingstatechange = () => {
      clearTimeout(this.stallCheck);
      if (pc.signalingState !== 'stable' || pc.connectionState !== 'new') return;
      this.stallCheck = setTimeout(() => {
        if (this.pc === pc && pc.signalingState === 'stable' && pc.connectionState === 'new') this.startOver();
      }, this.options.polite ? STALL_MS_POLITE : STALL_MS_IMPOLITE);
    };
    this.events.onConnectionState(pc.connectionState);
    for (const track of this.localStream.getTracks()) pc.addTrack(track, this.localStream);
    return pc;
  }

  private startOver(): void {
    this.note('no ICE progress: starting over');
    this.closePeer();
    this.events.onConnectionState('new');
    const ws = this.socket;
    ws?.close(1000, 'starting over'); // its onclose reconnects, as after any lost socket
  }

  private closePeer(): void {
    if (this.pc) {
      this.pc.onnegotiationneeded = null;
      this.pc.onicecandidate = null;
      this.pc.ontrack = null;
      this.pc.onconnectionstatechange = null;
      this.pc.oniceconnectionstatechange = null;
      this.pc.onsignalingstatechange = null;
      this.pc.close();
      this.pc = null;
    }
    clearTimeout(this.offerWait);
    clearTimeout(this.stallCheck);
    this.events.onRemoteStream(null);
  }

  private async onSignal(text: string): Promise<void> {
    let message: { type?: string; description?: RTCSessionDescriptionInit; candidate?: RTCIceCandidateInit };
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (message.type === 'candidate') this.candidatesReceived++;
    else this.note(`got ${message.type}`);
    switch (message.type) {
      case 'peer-joined':
        this.events.onPhase('in-call');
        // Joining at the same moment, both may hear of the other twice; one fresh connection is enough. And a
        // connection just made to answer the other's offer is already theirs: its peer-joined came after the offer.
        if (this.pc && (Date.now() - this.peerJoinedAt < 2000 || Date.now() - this.answeringSince < 5000)) {
          this.note('peer-joined: kept the connection');
          return;
        }
        this.peerJoinedAt = Date.now();
        if (this.options.polite) {
          // The impolite side offers on every peer-joined; the polite side answers that offer on a fresh connection
          // made when it comes (onDescription). Were both to offer, perfect negotiation would roll the polite offer
          // back, and Chrome then at times never gathers candidates for its answer: 4 calls in 30 never connected.
          this.closePeer();
          this.events.onConnectionState('new');
          this.offerWait = setTimeout(() => {
            if (!this.pc && !this.stopped) {
              this.note('no offer came: offering');
              this.newPeer();
            }
          }, OFFER_WAIT_MS);
        } else {
          this.newPeer();
        }
        return;
      case 'peer-left':
      case 'bye':
        this.closePeer();
        this.events.onConnectionState('new');
        this.events.onPhase('waiting');
        return;
      case 'offer':
      case 'answer':
        await this.onDescription(message.description);
        return;
      case 'candidate':
        if (!this.pc) this.note('candidate without a peer connection: dropped');
        try {
          await this.pc?.addIceCandidate(message.candidate);
        } catch (e) {
          if (!this.ignoreOffer) throw e;
        }
        return;
      default:
        // 'error' and anything else: nothing to negotiate
    }
  }

  private async onDescription(description: RTCSessionDescriptionInit | undefined): Promise<void> {
    if (!description) return;
    let pc = this.pc;
    if (!pc) {
      pc = this.newPeer();
      this.answeringSince = Date.now();
    }
    const collision = description.type === 'offer' && (this.makingOffer || pc.signalingState !== 'stable');
    this.ignoreOffer = !this.options.polite && collision;
    if (this.ignoreOffer) {
      this.note(`${description.type} ignored (collision, ${pc.signalingState})`);
      return;
    }
    await pc.setRemoteDescription(description);
    if (description.type === 'offer') {
      await pc.setLocalDescription();
      this.send({ type: 'answer', description: pc.localDescription });
    }
  }
}
