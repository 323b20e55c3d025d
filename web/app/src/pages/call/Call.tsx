import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { ApiError } from '../../api/problem';
import { useSession } from '../../session/session';
import { PageHeading } from '../../components/PageHeading';
import { navigate, useParams } from '../../app/router';
import { CallConnection, type CallPhase } from '../../calls/callConnection';
import { browserZone, formatDateTime, formatTime } from '../../lib/time';

interface CallInfo {
  sessionId: string;
  joinOpensAt: string;
  joinClosesAt: string;
  iceServers: RTCIceServer[];
}

const STATE_WORDS: Record<string, string> = {
  new: 'Not connected',
  connecting: 'Connecting…',
  connected: 'Connected',
  disconnected: 'Connection lost — trying to reconnect…',
  failed: 'Connection failed — retrying…',
  closed: 'Closed',
};

/**
 * The video call of a session (issue #18). Media goes peer to peer; the server only relays the
 * negotiation. `?ice=relay` forces the TURN relay (used to check the TURN path).
 */
export default function Call() {
  const { sessionId } = useParams<{ sessionId: string }>();
  const { me } = useSession();
  const [info, setInfo] = useState<CallInfo | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [phase, setPhase] = useState<CallPhase>('connecting');
  const [phaseDetail, setPhaseDetail] = useState<string | undefined>();
  const [connectionState, setConnectionState] = useState<string>('new');
  const [muted, setMuted] = useState(false);
  const [cameraOff, setCameraOff] = useState(false);
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [cameraId, setCameraId] = useState('');
  const [microphoneId, setMicrophoneId] = useState('');
  const localVideo = useRef<HTMLVideoElement>(null);
  const remoteVideo = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const call = useRef<CallConnection | null>(null);

  useEffect(() => {
    let cancelled = false;
    api.get<CallInfo>(`/api/sessions/${encodeURIComponent(sessionId)}/call`).then(
      (loaded) => { if (!cancelled) setInfo(loaded); },
      (error: unknown) => {
        if (cancelled) return;
        if (error instanceof ApiError) {
          setProblem(error.status === 404 ? 'There is no such session.' : error.summary);
        } else {
          setProblem('We could not load the call. Try again in a moment.');
        }
      },
    );
    return () => { cancelled = true; };
  }, [sessionId]);

  useEffect(() => {
    if (!info || !me) return undefined;
    let stopped = false;
    const relay = new URLSearchParams(window.location.search).get('ice') === 'relay';
    (async () => {
      let media: MediaStream;
      try {
        media = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
      } catch {
        setProblem('We need your camera and microphone for the call. Allow them in the browser and reload the page.');
        return;
      }
      if (stopped) { media.getTracks().forEach((t) => t.stop()); return; }
      stream.current = media;
      if (localVideo.current) localVideo.current.srcObject = media;
      setCameraId(media.getVideoTracks()[0]?.getSettings().deviceId ?? '');
      setMicrophoneId(media.getAudioTracks()[0]?.getSettings().deviceId ?? '');
      setDevices(await navigator.mediaDevices.enumerateDevices());
      const connection = new CallConnection(
        { sessionId, iceServers: info.iceServers, iceTransportPolicy: relay ? 'relay' : 'all', polite: me.role === 'client', localStream: media },
        {
          onPhase: (next, detail) => { setPhase(next); setPhaseDetail(detail); },
          onConnectionState: setConnectionState,
          onRemoteStream: (remote) => { if (remoteVideo.current) remoteVideo.current.srcObject = remote; },
        },
      );
      call.current = connection;
      // For the browser tests and for support: the live connection, its state and getStats().
      (window as unknown as { tmsCall?: CallConnection }).tmsCall = connection;
      connection.start();
    })();
    return () => {
      stopped = true;
      call.current?.leave();
      call.current = null;
      stream.current?.getTracks().forEach((t) => t.stop());
      stream.current = null;
    };
  }, [info, me, sessionId]);

  const toggleMute = () => {
    const next = !muted;
    stream.current?.getAudioTracks().forEach((t) => { t.enabled = !next; });
    setMuted(next);
  };

  const toggleCamera = () => {
    const next = !cameraOff;
    stream.current?.getVideoTracks().forEach((t) => { t.enabled = !next; });
    setCameraOff(next);
  };

  const switchDevice = useCallback(async (kind: 'videoinput' | 'audioinput', deviceId: string) => {
    const current = stream.current;
    if (!current) return;
    const constraints = kind === 'videoinput'
      ? { video: { deviceId: { exact: deviceId } }, audio: false }
      : { audio: { deviceId: { exact: deviceId } }, video: false };
    const fresh = await navigator.mediaDevices.getUserMedia(constraints);
    const track = fresh.getTracks()[0];
    const old = kind === 'videoinput' ? current.getVideoTracks() : current.getAudioTracks();
    old.forEach((t) => { current.removeTrack(t); t.stop(); });
    track.enabled = kind === 'videoinput' ? !cameraOff : !muted;
    current.addTrack(track);
    await call.current?.useStream(current);
    if (kind === 'videoinput') setCameraId(deviceId); else setMicrophoneId(deviceId);
  }, [cameraOff, muted]);

  const leave = () => {
    call.current?.leave();
    call.current = null;
    navigate(me?.role === 'therapist' ? '/therapist/sessions' : '/client/sessions');
  };

  if (problem) {
    return (
      <>
        <PageHeading>Video call</PageHeading>
        <p className="error-text" role="alert">{problem}</p>
      </>
    );
  }

  const cameras = devices.filter((d) => d.kind === 'videoinput');
  const microphones = devices.filter((d) => d.kind === 'audioinput');
  const waiting = phase === 'waiting';
  return (
    <>
      <PageHeading>Video call</PageHeading>
      {info && (
        <p className="hint">You can join from {formatDateTime(info.joinOpensAt, browserZone())} until {formatTime(info.joinClosesAt, browserZone())}.</p>
      )}
      <p role="status" aria-live="polite" data-testid="call-status">
        {phase === 'refused' || phase === 'ended' ? phaseDetail ?? 'You left the call.'
          : waiting ? 'Waiting for the other party to join…'
            : phase === 'connecting' ? 'Connecting to the call…'
              : STATE_WORDS[connectionState] ?? connectionState}
      </p>
      <p className="visually-hidden" data-testid="connection-state">{connectionState}</p>
      <div className="call-videos">
        <figure className="call-video">
          <video ref={remoteVideo} autoPlay playsInline data-testid="remote-video" aria-label="The other party's video" />
          <figcaption>{waiting ? 'Waiting for the other party' : 'Other party'}</figcaption>
        </figure>
        <figure className="call-video call-video-local">
          <video ref={localVideo} autoPlay playsInline muted data-testid="local-video" aria-label="Your video" />
          <figcaption>You{cameraOff ? ' (camera off)' : ''}{muted ? ' (muted)' : ''}</figcaption>
        </figure>
      </div>
      <div className="call-controls">
        <button type="button" onClick={toggleMute} aria-pressed={muted}>{muted ? 'Unmute' : 'Mute'}</button>
        <button type="button" onClick={toggleCamera} aria-pressed={cameraOff}>{cameraOff ? 'Turn camera on' : 'Turn camera off'}</button>
        <label>
          Camera{' '}
          <select value={cameraId} onChange={(e) => void switchDevice('videoinput', e.target.value)}>
            {cameras.map((d, i) => <option key={d.deviceId || i} value={d.deviceId}>{d.label || `Camera ${i + 1}`}</option>)}
          </select>
        </label>
        <label>
          Microphone{' '}
          <select value={microphoneId} onChange={(e) => void switchDevice('audioinput', e.target.value)}>
            {microphones.map((d, i) => <option key={d.deviceId || i} value={d.deviceId}>{d.label || `Microphone ${i + 1}`}</option>)}
          </select>
        </label>
        <button type="button" className="danger" onClick={leave}>Leave call</button>
      </div>
    </>
  );
}
