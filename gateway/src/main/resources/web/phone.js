// The demo phone: registers a web user with JsSIP and places audio or audio+video calls.
// window.webims is the same API the buttons use, so tests drive the page through it.
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  // tones: how many loud analyses each dominant frequency (Hz, rounded) won, since the call began.
  // A beep's onset thumps at low frequencies, so its own pitch wins only some windows.
  const state = { ua: null, session: null, registered: 'no', call: 'idle', cause: '', peak: 0, dominantHz: 0, tones: {}, analyser: null,
    iceServers: [], iceTransportPolicy: 'all' };

  function log(line) {
    const el = $('log');
    el.textContent += new Date().toISOString().substring(11, 23) + ' ' + line + '\n';
    el.scrollTop = el.scrollHeight;
  }

  function setCall(value, cause) {
    state.call = value;
    state.cause = cause || '';
    $('callState').textContent = value + (cause ? ' (' + cause + ')' : '');
    log('call ' + value + (cause ? ': ' + cause : ''));
  }

  // getStats' totalAudioEnergy stays 0 in headless Chromium: measure the played track instead.
  function measure(track) {
    const ctx = new AudioContext();
    const source = ctx.createMediaStreamSource(new MediaStream([track]));
    state.analyser = ctx.createAnalyser();
    state.analyser.fftSize = 2048;
    source.connect(state.analyser);
    ctx.resume();
  }

  setInterval(() => {
    if (!state.analyser) return;
    const buf = new Float32Array(state.analyser.fftSize);
    state.analyser.getFloatTimeDomainData(buf);
    let peak = 0;
    for (const v of buf) peak = Math.max(peak, Math.abs(v));
    state.peak = Math.max(state.peak, peak);
    $('level').value = peak;
    if (peak > 0.05) {
      // the loudest frequency of what plays, e.g. an IMS test user's tone
      const spectrum = new Float32Array(state.analyser.frequencyBinCount);
      state.analyser.getFloatFrequencyData(spectrum);
      let loudest = 0;
      for (let i = 1; i < spectrum.length; i++) if (spectrum[i] > spectrum[loudest]) loudest = i;
      state.dominantHz = loudest * state.analyser.context.sampleRate / state.analyser.fftSize;
      const hz = Math.round(state.dominantHz);
      state.tones[hz] = (state.tones[hz] || 0) + 1;
    }
  }, 50);

  function onTrack(event) {
    const stream = event.streams[0] || new MediaStream([event.track]);
    const el = event.track.kind === 'audio' ? $('remoteAudio') : $('remoteVideo');
    el.srcObject = stream;
    el.play().catch(() => {});
    if (event.track.kind === 'audio') measure(event.track);
  }

  // The carrier's STUN/TURN servers (gateway keys webrtc.*), with TURN credentials made for this user;
  // none configured, or the request failing, leaves [] (host candidates only), as before.
  function loadIceServers(user) {
    return fetch('/webrtc/ice-servers' + (user ? '?username=' + encodeURIComponent(user) : ''), { cache: 'no-store' })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error('HTTP ' + r.status))))
      .then((servers) => { state.iceServers = servers; if (servers.length) log('ICE servers: ' + servers.length); return servers; })
      .catch((e) => { log('no ICE servers: ' + e.message); return state.iceServers; });
  }

  function register(user, password, domain, wsUrl) {
    if (state.ua) state.ua.stop();
    state.user = user;
    loadIceServers(user);
    state.registered = 'pending';
    const ua = new JsSIP.UA({
      sockets: [new JsSIP.WebSocketInterface(wsUrl)],
      uri: 'sip:' + user + '@' + domain,
      password: password,
    });
    ua.on('registered', () => { state.registered = 'yes'; $('registration').textContent = 'registered'; log('registered'); });
    ua.on('registrationFailed', (e) => {
      state.registered = 'failed: ' + e.cause;
      $('registration').textContent = 'registration failed (' + e.cause + ')';
      log('registration failed: ' + e.cause);
    });
    ua.on('disconnected', () => log('WebSocket disconnected'));
    ua.on('newRTCSession', (e) => { if (e.originator === 'remote') incoming(e.session); });
    state.ua = ua;
    ua.start();
    return 'started';
  }

  // The call's state as the page shows it and webims.inbound() reports it.
  function follow(session) {
    session.on('progress', () => { if (state.call !== 'incoming') setCall('ringing'); });
    session.on('confirmed', () => setCall('confirmed'));
    session.on('ended', (e) => setCall('ended', e.cause));
    session.on('failed', (e) => setCall('failed', e.cause));
    state.session = session;
  }

  // audio: getUserMedia audio constraints, true by default (the browser's echo cancellation,
  // noise suppression and gain control on, as a person wants them).
  function call(target, video, audio) {
    if (!state.ua) throw new Error('register first');
    state.peak = 0;
    state.dominantHz = 0;
    state.tones = {};
    setCall('calling');
    const session = state.ua.call(target, {
      mediaConstraints: { audio: audio === undefined ? true : audio, video: !!video },
      pcConfig: { iceServers: state.iceServers, iceTransportPolicy: state.iceTransportPolicy },
    });
    loadIceServers(state.user); // the next call's credentials: these expire (webrtc.turn-credential-lifetime-seconds)
    session.connection.addEventListener('track', onTrack);
    follow(session);
    return 'calling';
  }

  // A call from the IMS side: shown, and answered with the Answer button (or webims.answer()).
  function incoming(session) {
    if (state.session && !state.session.isEnded()) {
      session.terminate({ status_code: 486, reason_phrase: 'Busy Here' });
      return;
    }
    state.peak = 0;
    state.dominantHz = 0;
    state.tones = {};
    follow(session);
    state.from = session.remote_identity.uri.toString();
    session.on('peerconnection', (e) => e.peerconnection.addEventListener('track', onTrack));
    setCall('incoming', state.from);
  }

  function answer(video, audio) {
    if (!state.session || state.call !== 'incoming') throw new Error('no incoming call');
    state.session.answer({
      mediaConstraints: { audio: audio === undefined ? true : audio, video: !!video },
      pcConfig: { iceServers: state.iceServers, iceTransportPolicy: state.iceTransportPolicy },
    });
    loadIceServers(state.user);
    return 'answering';
  }

  function hangup() {
    if (state.session && !state.session.isEnded()) state.session.terminate();
    return 'ok';
  }

  // What the page received: packets and frames from getStats, and the peak level of the played audio.
  async function inbound() {
    const out = { registered: state.registered, call: state.call, cause: state.cause, peak: state.peak, from: state.from || '',
      dominantHz: state.dominantHz, tones: state.tones,
      audioPackets: 0, audioEnergy: 0, videoFrames: 0, videoWidth: 0, videoHeight: 0, audioCodec: '', videoCodec: '' };
    const pc = state.session && state.session.connection;
    if (pc) {
      const report = await pc.getStats();
      const codecs = {};
      report.forEach((s) => { if (s.type === 'codec') codecs[s.id] = s.mimeType; });
      report.forEach((s) => {
        if (s.type !== 'inbound-rtp') return;
        if (s.kind === 'audio') {
          out.audioPackets += s.packetsReceived || 0;
          out.audioEnergy += s.totalAudioEnergy || 0;
          out.audioCodec = codecs[s.codecId] || '';
        } else if (s.kind === 'video') {
          out.videoFrames += s.framesDecoded || 0;
          out.videoWidth = s.frameWidth || 0;
          out.videoHeight = s.frameHeight || 0;
          out.videoCodec = codecs[s.codecId] || '';
        }
      });
    }
    return JSON.stringify(out);
  }

  window.webims = { register, call, answer, hangup, inbound, state, loadIceServers };

  async function configure() {
    $('jssipVersion').textContent = JsSIP.version;
    const config = await (await fetch('/config.json', { cache: 'no-store' })).json();
    $('ws').value = config.ws || '';
    $('domain').value = config.domain || '';
    $('user').value = config.demoUser || '';
    $('password').value = config.demoPassword || '';
    state.iceTransportPolicy = config.iceTransportPolicy || 'all'; // gateway key webrtc.ice-transport-policy
    for (const t of config.targets || []) {
      const o = document.createElement('option');
      o.value = t.uri; o.label = t.label;
      $('targets').appendChild(o);
    }
    if (config.targets && config.targets.length) $('target').value = config.targets[0].uri;
    window.webims.ready = true;
  }

  $('registerButton').onclick = () => register($('user').value, $('password').value, $('domain').value, $('ws').value);
  $('audioCallButton').onclick = () => call($('target').value, false);
  $('videoCallButton').onclick = () => call($('target').value, true);
  $('hangupButton').onclick = hangup;
  $('answerButton').onclick = () => answer(false);
  configure().catch((e) => log('cannot read /config.json: ' + e));
})();
