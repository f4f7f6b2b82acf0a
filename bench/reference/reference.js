// The plain reference page: fetches the configuration and the schemes together, draws one Leaflet
// marker and one list entry per scheme, and filters both by a text search (the same words and
// fields as the app: name, centre, town, postcode, operator). Show/hide by index, no framework.
(async () => {
  const [config, data] = await Promise.all([
    fetch('../config.json').then((r) => r.json()),
    fetch('../schemes.geojson').then((r) => r.json()),
  ]);
  const map = L.map('map', { attributionControl: false }).setView([config.area.center.lat, config.area.center.lng], config.area.zoom);
  L.tileLayer(config.tiles.url, { maxZoom: config.tiles.max_zoom }).addTo(map);

  const list = document.getElementById('list');
  const count = document.getElementById('count');
  const schemes = [];
  const frag = document.createDocumentFragment();
  for (const f of data.features) {
    const s = f.properties;
    const [lng, lat] = f.geometry?.coordinates ?? [];
    if (typeof s?.name !== 'string' || !Number.isFinite(lat) || !Number.isFinite(lng)) continue;
    const marker = L.marker([lat, lng], { title: s.name, alt: s.name, keyboard: true });
    const li = document.createElement('li');
    const h = document.createElement('h3');
    h.textContent = s.name;
    const p = document.createElement('p');
    p.textContent = `${s.centre} · ${s.town}`;
    li.append(h, p);
    frag.append(li);
    const hay = [s.name, s.centre, s.town, s.postcode, String(s.postcode).replace(' ', ''), s.operator].join(' \u001f ').toLowerCase();
    schemes.push({ marker, li, hay, shown: false, lat, lng });
  }
  list.append(frag);
  const words = (text) => text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const say = (n) => (n === 0 ? 'No schemes match your filters' : n === 1 ? '1 scheme' : `${n} schemes`);
  function apply(text) {
    const w = words(text);
    let n = 0;
    for (const s of schemes) {
      const on = w.every((x) => s.hay.includes(x));
      if (on) n++;
      if (on !== s.shown) {
        if (on) s.marker.addTo(map);
        else s.marker.remove();
        s.li.hidden = !on;
        s.shown = on;
      }
    }
    count.textContent = say(n);
  }
  // Like the app: fit the map to the schemes on show after each change.
  function fit() {
    const on = schemes.filter((s) => s.shown);
    if (on.length) map.fitBounds(L.latLngBounds(on.map((s) => [s.lat, s.lng])), { padding: [32, 32], maxZoom: 14, animate: false });
  }
  apply('');
  fit();
  // `?outlines` (bench/web.mjs --reference-outlines): the district outlines too, drawn as the app
  // draws them (Leaflet vector layers on one canvas, not simplified again, after the first
  // markers), so the two pages can also be compared doing that part of the job.
  if (new URLSearchParams(location.search).has('outlines')) {
    requestAnimationFrame(() => setTimeout(async () => {
      const outlines = await fetch('../districts.geojson').then((r) => r.json());
      const style = { color: '#005a9c', weight: 1.5, opacity: 0.7, fillColor: '#005a9c', fillOpacity: 0.06 };
      L.geoJSON(outlines, { style, interactive: false, renderer: L.canvas(), smoothFactor: 0 }).addTo(map);
    }, 0));
  }
  document.getElementById('search').addEventListener('input', (e) => {
    apply(e.target.value);
    fit();
  });
})();
