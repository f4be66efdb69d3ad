// index.html's scenarios, drawn from the JSON in #report-data. Every string an SP sent reaches the page as a text node
// (never as markup), with control characters shown as \u escapes. A scenario's steps are unpacked only when it is open
// and on screen, so a thousand scenarios cost a thousand summary lines at first.
(() => {
  'use strict';
  const data = JSON.parse(document.getElementById('report-data').textContent);
  const list = document.getElementById('list');
  const filters = { o: byId('filter-outcome'), a: byId('filter-area'), t: byId('filter-tag'), x: byId('filter-text') };
  const rows = data.scenarios.map((entry, i) => ({ entry, body: data.bodies[i], drawn: false, details: null }));
  const byAnchor = new Map();

  function byId(id) { return document.getElementById(id); }

  function visible(text) {
    return String(text).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g,
      c => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
  }

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value !== undefined && value !== null && value !== false) {
        node.setAttribute(name, value === true ? '' : value);
      }
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    for (const child of children) {
      if (child === undefined || child === null || child === false) continue;
      if (Array.isArray(child)) append(node, child);
      else node.append(child instanceof Node ? child : document.createTextNode(visible(child)));
    }
  }

  const pill = outcome => el('span', { class: 'pill ' + outcome }, outcome);

  const badge = r => r.link
    ? el('a', { class: 'req', href: r.link }, r.id)
    : el('span', { class: 'req', title: r.text }, r.id);

  const requirement = r => [badge(r), r.seed ? ' \u201c' + r.text + '\u201d' : ''];

  function scenario(row) {
    const s = row.entry;
    const open = s.outcome === 'failed' || s.outcome === 'errored';
    const details = el('details', {
      class: 'scenario ' + s.outcome, id: 's-' + s.anchor, 'data-outcome': s.outcome, 'data-area': s.area,
      'data-tags': (s.tags || []).join(' '), open,
    },
    el('summary', null, pill(s.outcome), ' ', el('code', null, s.id), ' ', s.title, ' ', el('span', { class: 'muted' }, s.ms + ' ms')),
    el('div', { class: 'body' }));
    details.addEventListener('toggle', () => {
      if (details.open && !row.drawn) {
        // Observing again reports where it is now: drawn at once when on screen, later when scrolled to.
        nearScreen.unobserve(details);
        nearScreen.observe(details);
      }
    });
    row.details = details;
    byAnchor.set(s.anchor, row);
    return details;
  }

  async function unpack(packed) {
    const bytes = Uint8Array.from(atob(packed), c => c.charCodeAt(0));
    const text = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
    return JSON.parse(text);
  }

  async function draw(row) {
    if (row.drawn) return row.drawing;
    row.drawn = true;
    row.drawing = (async () => {
      const s = row.entry;
      const body = row.details.querySelector('.body');
      append(body, [
        el('p', { class: 'muted' }, s.meta),
        s.reqs && s.reqs.length ? el('ul', { class: 'reqs' }, s.reqs.map(r => el('li', null, requirement(r)))) : null,
        s.reason ? el('p', { class: 'reason' }, s.reason) : null,
        s.expectedFailure ? el('p', { class: 'note' }, 'listed in expected-failures.yaml: ', s.expectedFailure) : null,
        (s.leftovers || []).map(l => el('p', { class: 'reason' }, 'left on the SP: ', l)),
      ]);
      const detail = await unpack(row.body);
      append(body, detail.steps.map(st => step(st, detail.har)));
      row.details.dataset.drawn = 'true';
    })();
    return row.drawing;
  }

  function step(st, har) {
    return el('div', { class: 'step ' + st.outcome },
      el('h3', null, pill(st.outcome), ' ' + st.n + '. ', el('code', null, st.action), ' ', st.name || ''),
      st.error ? el('p', { class: 'reason' }, st.error) : null,
      st.checks.length ? checks(st.checks) : null,
      st.notes.map(n => el('p', { class: 'note' }, n)),
      st.exchanges.length ? exchanges(st, har) : null,
      st.saml.map(saml),
      st.insights.length ? insights(st.insights) : null,
      st.screenshots.map(shot => el('figure', null, el('img', { src: shot, alt: 'screenshot ' + shot, loading: 'lazy' }), el('figcaption', null, shot))),
      st.traces.map(trace => el('p', null, el('a', { href: trace }, 'Playwright trace ' + trace))));
  }

  function checks(rows) {
    return el('table', { class: 'checks' },
      el('thead', null, el('tr', null, ['outcome', 'check', 'expected', 'actual', 'requirement'].map(h => el('th', { scope: 'col' }, h)))),
      el('tbody', null, rows.map(c => el('tr', { class: c.outcome },
        el('td', null, pill(c.outcome)),
        el('td', null, c.name, el('br'), el('span', { class: 'muted' }, c.condition, c.countsAs ? ' \u00b7 counts as ' + c.countsAs : '', ' \u00b7 ' + c.location),
          c.message ? [el('br'), el('span', { class: 'msg' }, c.message)] : null),
        el('td', null, el('code', null, c.expected)),
        el('td', null, el('code', null, c.actual)),
        el('td', null, c.req ? badge(c.req) : null)))));
  }

  function exchanges(st, har) {
    return el('details', { class: 'http' }, el('summary', null, 'HTTP exchanges (' + (st.exchanges.length + (st.moreExchanges || 0)) + ')'),
      st.exchanges.map(x => el('details', { class: 'exchange' },
        el('summary', null, el('code', null, x.method + ' ' + x.url), ' \u2192 ', el('b', null, x.status ? String(x.status) : 'no answer'),
          ' ', el('span', { class: 'muted' }, x.ms + ' ms ' + x.channel)),
        x.error ? el('p', { class: 'reason' }, x.error) : null,
        el('div', { class: 'pane' }, el('h4', null, 'Request'), el('pre', null, x.requestHeaders + '\n\n' + x.requestBody)),
        el('div', { class: 'pane' }, el('h4', null, 'Response'), el('pre', null, x.responseHeaders + '\n\n' + x.responseBody)))),
      st.moreExchanges ? el('p', { class: 'muted' }, st.moreExchanges + ' more exchanges of this step: ', el('a', { href: har }, har),
        ' (opens in the browser\u2019s developer tools)') : null);
  }

  function saml(m) {
    return el('details', { class: 'saml' },
      el('summary', null, 'SAML ' + m.kind + ' \u2192 ', el('code', null, m.destination), m.forged ? [' ', el('b', null, 'forged: a conforming SP refuses it')] : null),
      el('table', { class: 'fields' }, el('caption', null, 'Fields'), el('tbody', null,
        m.fields.map(([name, value]) => el('tr', null, el('th', { scope: 'row' }, name), el('td', null, value))),
        m.signatures ? el('tr', null, el('th', { scope: 'row' }, 'Signatures'), el('td', null, m.signatures)) : null,
        el('tr', null, el('th', { scope: 'row' }, 'File'), el('td', null, el('a', { href: m.file }, m.file), ' (the bytes sent)')))),
      el('details', { class: 'raw' }, el('summary', null, 'XML'), el('pre', null, m.xml)));
  }

  function insights(events) {
    return el('table', { class: 'timeline' }, el('caption', null, 'Directory Insights events'),
      el('thead', null, el('tr', null, ['time (UTC)', 'event_type', 'success', 'resource', 'application', 'error_message'].map(h => el('th', { scope: 'col' }, h)))),
      el('tbody', null, events.map(e => el('tr', { class: e.success ? 'passed' : 'failed' },
        el('td', null, e.time), el('td', null, el('code', null, e.type)), el('td', null, e.success ? 'true' : 'false'),
        el('td', null, e.resource), el('td', null, e.application), el('td', null, e.error || '')))));
  }

  // Open scenarios are drawn when they come near the screen, not all at once.
  const nearScreen = new IntersectionObserver(entries => {
    for (const e of entries) {
      const row = byAnchor.get(e.target.id.slice(2));
      if (e.isIntersecting && row.details.open) draw(row);
    }
  }, { rootMargin: '1500px 0px' });

  function apply() {
    const q = filters.x.value.toLowerCase();
    let shown = 0;
    for (const row of rows) {
      const s = row.entry;
      const ok = (!filters.o.value || s.outcome === filters.o.value) && (!filters.a.value || s.area === filters.a.value)
        && (!filters.t.value || (s.tags || []).includes(filters.t.value)) && (!q || s.search.includes(q));
      row.details.hidden = !ok;
      if (ok) shown++;
    }
    byId('shown').textContent = shown + ' of ' + rows.length + ' scenarios shown';
    const query = new URLSearchParams();
    for (const k of ['o', 'a', 't', 'x']) if (filters[k].value) query.set(k, filters[k].value);
    const hash = query.toString();
    if (location.hash.slice(1) !== hash && (hash || location.hash.includes('='))) {
      history.replaceState(null, '', hash ? '#' + hash : location.pathname);
    }
  }

  async function goTo(anchor) {
    const row = byAnchor.get(anchor);
    if (!row) return;
    if (row.details.hidden) {
      for (const k of ['o', 'a', 't', 'x']) filters[k].value = '';
      apply();
    }
    row.details.open = true;
    await draw(row);
    row.details.scrollIntoView();
  }

  function readHash() {
    const hash = location.hash.slice(1);
    if (hash.startsWith('s-')) {
      goTo(decodeURIComponent(hash.slice(2)));
    } else if (hash.includes('=')) {
      const query = new URLSearchParams(hash);
      for (const k of ['o', 'a', 't', 'x']) filters[k].value = query.get(k) || '';
    }
    apply();
  }

  list.append(...rows.map(scenario));
  for (const row of rows) nearScreen.observe(row.details);
  for (const e of [filters.o, filters.a, filters.t]) e.addEventListener('change', apply);
  filters.x.addEventListener('input', apply);
  byId('open-all').addEventListener('click', () => Promise.all(rows.filter(r => !r.details.hidden).map(r => { r.details.open = true; return draw(r); })));
  window.addEventListener('hashchange', readHash);
  readHash();
  performance.mark('report-ready');
  document.documentElement.dataset.ready = 'true';
})();
