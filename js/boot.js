// Starts the app: loads the wasm-bindgen glue and the wasm, then runs the app.
//
// It replaces the inline <script type="module"> that trunk would write into index.html, so the
// page runs under a Content-Security-Policy with `script-src 'self'` (no 'unsafe-inline', no
// per-build hash). Trunk.toml's `pattern_script` puts the hashed names of the glue and the wasm
// in two <meta> elements; this file, hashed and served from our own origin, reads them.
// The safety net's Reload button (src/ui/safety_net.rs) is answered here, in plain JavaScript:
// after a panic the wasm module has stopped, and the CSP's `form-action 'none'` rules out a form.
// `location.reload()` keeps the whole address: the filters and the postcode.
document.addEventListener('click', (e) => {
  if (e.target instanceof Element && e.target.closest('[data-reload-page]')) location.reload();
});

// The map's code is on its way: the placeholder stops saying "reload" (style/app.css).
document.getElementById('loading-placeholder')?.classList.add('started');

const named = (name) => {
  const url = document.querySelector(`meta[name="${name}"]`)?.content;
  if (!url) throw new Error(`index.html has no <meta name="${name}">: was it built by trunk with Trunk.toml?`);
  return new URL(url, document.baseURI).href;
};
// The embed-code builder (`?tool=embed`, for partners) is a wasm of its own, with fixed names
// (index.html), so the map that everyone else loads does not carry it.
const builder = new URLSearchParams(location.search).getAll('tool').some((v) => v.trim() === 'embed');
const [js, wasmUrl] = builder
  ? [new URL('embed-builder.js', document.baseURI).href, new URL('embed-builder_bg.wasm', document.baseURI).href]
  : [named('referral-map-js'), named('referral-map-wasm')];
// QR codes ("Share", the printed handout) are drawn by a small wasm of their own, loaded the first
// time one is asked for (src/ui/qr_code.rs), so the map's wasm does not carry the encoder. A load
// that fails is tried again next time.
let qr;
window.referralMapQr = (text, size) => {
  qr ??= import(new URL('qr-code.js', document.baseURI).href).then(async (m) => {
    await m.default({ module_or_path: new URL('qr-code_bg.wasm', document.baseURI).href });
    return m;
  });
  qr.catch(() => { qr = undefined; });
  return qr.then((m) => m.data_url(text, size));
};

// The app's code not arriving, or no WebAssembly: say so (styled as src/ui/safety_net.rs's).
const what = builder ? 'embed-code builder' : 'map';
const cannotStart = (heading, text, retry) => {
  if (document.querySelector('#something-went-wrong, #cannot-start')) return;
  const add = (parent, tag, text) => parent.appendChild(Object.assign(document.createElement(tag), { textContent: text }));
  const notice = Object.assign(document.createElement('div'), { id: 'cannot-start', className: 'something-went-wrong' });
  notice.setAttribute('role', 'alert');
  add(notice, 'h2', heading);
  add(notice, 'p', text);
  if (retry) Object.assign(add(notice, 'button', 'Try again'), { type: 'button', className: 'button' }).setAttribute('data-reload-page', '');
  // The schemes without the map: a plain page the build writes (src/export/list_page.rs).
  if (!builder) add(add(notice, 'p', ''), 'a', 'See every scheme as a plain list').href = new URL('schemes.html', document.baseURI).href;
  document.body.prepend(notice);
  notice.querySelector('button')?.focus({ preventScroll: true }); // in an iframe, scrolling would move the host page
};
// Leaflet, its script and its stylesheet from our own origin. Where the map is the first view
// (the two-column layout) they are asked for at once (index.html preloads them there); on a phone,
// where the list is the first view, only when the app makes its map, after the app's own code has
// come, so that on a slow connection they take no bandwidth from the wasm. Settles to whether
// Leaflet is there and styled: without its stylesheet, its tiles and markers would spill over the
// list, so that counts as Leaflet not arriving. Asked for once (again after a failure); the adapter
// waits for it.
let leaflet;
window.referralMapLeaflet = () => (leaflet ??= new Promise((settle) => {
  // Relative addresses, resolved against the page's, like the markup's.
  const sheet = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: 'leaflet/leaflet.css' });
  const script = Object.assign(document.createElement('script'), { src: 'leaflet/leaflet.js' });
  const loaded = (element) => new Promise((ok) => Object.assign(element, { onload: () => ok(true), onerror: () => ok(false) }));
  Promise.all([loaded(sheet), loaded(script)]).then(([styled, ran]) => {
    let rules = 0;
    try { rules = sheet.sheet.cssRules.length; } catch {}
    const there = styled && ran && rules > 0 && typeof window.L === 'object';
    if (!there) {
      delete window.L;
      leaflet = undefined; // asked for again at the map's "Try again"
    }
    settle(there);
  });
  // Before the page's own stylesheet, whose rules must win over Leaflet's.
  document.head.insertBefore(sheet, document.head.querySelector('link[rel="stylesheet"]'));
  document.head.append(script);
}));
if (!builder && matchMedia('(min-width: 701px)').matches) window.referralMapLeaflet();
if (typeof WebAssembly !== 'object') {
  cannotStart(`This browser cannot show the ${what}.`, 'It needs WebAssembly, which this browser does not have or has switched off. Try another browser, or update this one.');
} else {
  try {
    const { default: init } = await import(js);
    const wasm = await init({ module_or_path: wasmUrl });
    dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
  } catch (e) {
    console.error(`The ${what} could not start:`, e);
    // Code that arrived but cannot run (a broken deploy, a proxy that rewrote it) is not the
    // person's connection: asking them to check it would send them the wrong way.
    const damaged = e instanceof WebAssembly.CompileError || e instanceof WebAssembly.LinkError || e instanceof SyntaxError;
    const kept = builder ? '' : ' (your filters are kept)';
    cannotStart(
      `The ${what} could not be loaded.`,
      damaged
        ? `Its code arrived damaged. Try again${kept}; if this keeps happening, please tell the website's owner.`
        : `Check your internet connection, then try again${kept}.`,
      true,
    );
  }
}
