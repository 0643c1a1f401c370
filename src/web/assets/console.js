// The operator console: built for a person answering a call every 8-10 s.
// The cursor never leaves the search box; every keystroke updates the
// hits; ↑/↓ move through them and the detail follows; Enter confirms the
// listing (recorded for popularity ranking) and Esc clears for the next
// call.
"use strict";

(() => {
  const { el, highlighted, getJson, matchLabel, Searcher, adoptToken, authHeaders } = Chahao;
  adoptToken();
  const input = document.getElementById("q");
  const status = document.getElementById("status");
  const list = document.getElementById("hits");
  const detail = document.getElementById("detail");
  const chosen = document.getElementById("chosen");

  let hits = []; // the hits shown
  let shownQuery = ""; // the query they answer
  let active = -1; // index of the highlighted hit
  let enterPending = false; // Enter was pressed before the answer came
  const siblingCache = new Map(); // listing id -> promise of siblings
  let detailSeq = 0;

  const searcher = new Searcher({
    delay: 80,
    onResults: (body, params) => {
      hits = body.hits;
      shownQuery = params.q;
      status.textContent =
        Chahao.partialNotice(params.q, hits) ||
        (hits.length ? `${hits.length} 条` : "没有匹配的单位");
      status.classList.remove("error");
      drawHits();
      move(hits.length ? 0 : -1);
      if (enterPending) {
        enterPending = false;
        confirm();
      }
    },
    onError: (message) => {
      enterPending = false;
      clearHits();
      status.textContent = message;
      status.classList.add("error");
    },
    onClear: clearAll,
  });

  function clearHits() {
    hits = [];
    shownQuery = "";
    list.replaceChildren();
    move(-1);
  }

  function clearAll() {
    enterPending = false;
    clearHits();
    status.textContent = "";
    status.classList.remove("error");
  }

  function drawHits() {
    list.replaceChildren(
      ...hits.map((hit, i) => {
        const main = hit.phones[0];
        return el(
          "li",
          { id: `hit-${i}`, class: "hit", role: "option", "aria-selected": "false", "data-id": hit.id },
          el("span", { class: `why why-${hit.match}`, text: matchLabel(hit.match), title: hit.match }),
          el(
            "span",
            { class: "hit-name" },
            el("span", { class: "name" }, highlighted(hit.name, hit.highlights)),
            hit.department ? el("span", { class: "dept", text: hit.department }) : null,
          ),
          el("span", { class: "hit-number", text: main ? main.display : "" }),
          el("span", { class: "hit-district", text: hit.district || "" }),
        );
      }),
    );
    input.setAttribute("aria-expanded", hits.length ? "true" : "false");
  }

  // Highlights hit `i` (-1: none) and shows it in the detail panel.
  function move(i) {
    active = i;
    for (const [n, row] of [...list.children].entries()) {
      const on = n === i;
      row.classList.toggle("active", on);
      row.setAttribute("aria-selected", on ? "true" : "false");
      if (on) row.scrollIntoView({ block: "nearest" });
    }
    if (i >= 0) input.setAttribute("aria-activedescendant", `hit-${i}`);
    else input.removeAttribute("aria-activedescendant");
    showDetail(i >= 0 ? hits[i] : null);
  }

  function showDetail(hit) {
    const seq = ++detailSeq;
    chosen.hidden = true;
    chosen.textContent = "";
    detail.classList.remove("confirmed");
    if (!hit) {
      detail.hidden = true;
      return;
    }
    detail.hidden = false;
    detail.dataset.id = hit.id;
    document.getElementById("d-name").textContent = hit.name;
    document.getElementById("d-dept").textContent = hit.department || "";
    document.getElementById("d-aliases").textContent = hit.aliases.length ? `又称：${hit.aliases.join("、")}` : "";
    const [main, ...others] = hit.phones;
    document.getElementById("d-label").textContent = main && main.label ? main.label : "电话";
    document.getElementById("d-number").textContent = main ? main.display : "";
    document.getElementById("d-phones").replaceChildren(
      ...others.map((p) =>
        el("li", {}, el("span", { class: "phone-label", text: p.label || "电话" }), el("span", { class: "num", text: p.display })),
      ),
    );
    document.getElementById("d-place").textContent = [hit.district, hit.address].filter(Boolean).join(" · ");
    const title = document.getElementById("d-siblings-title");
    const siblings = document.getElementById("d-siblings");
    title.hidden = true;
    siblings.replaceChildren();
    loadSiblings(hit.id).then((found) => {
      if (seq !== detailSeq || !found.length) return;
      title.hidden = false;
      siblings.replaceChildren(
        ...found.map((s) =>
          el(
            "li",
            { "data-id": s.id },
            el("span", { class: "sib-name", text: s.department || s.name }),
            el("span", { class: "num", text: s.phones[0] ? s.phones[0].display : "" }),
          ),
        ),
      );
    });
  }

  function loadSiblings(id) {
    if (!siblingCache.has(id)) {
      const promise = getJson(`/api/listings/${encodeURIComponent(id)}/siblings`)
        .then(({ ok, body }) => (ok ? body.siblings : []))
        .catch(() => []);
      siblingCache.set(id, promise);
      if (siblingCache.size > 500) siblingCache.delete(siblingCache.keys().next().value);
    }
    return siblingCache.get(id);
  }

  // Enter: the highlighted listing is the one given to the caller.
  async function confirm() {
    if (active < 0) return;
    const hit = hits[active];
    const rank = active + 1;
    detail.classList.add("confirmed");
    chosen.hidden = false;
    chosen.textContent = "已选定，记录中…";
    try {
      const response = await fetch("/api/selections", {
        method: "POST",
        headers: { "Content-Type": "application/json", ...authHeaders() },
        body: JSON.stringify({ query: shownQuery, id: hit.id, rank }),
      });
      const body = await response.json();
      if (detail.dataset.id !== hit.id) return;
      chosen.textContent = response.ok
        ? `已选定 · 已记录 ${new Date(body.time).toLocaleTimeString("zh-CN", { hour12: false })}`
        : `已选定 · 未能记录：${body.error}`;
    } catch (_) {
      if (detail.dataset.id === hit.id) chosen.textContent = "已选定 · 未能记录（无法连接服务器）";
    }
  }

  input.addEventListener("input", () => searcher.request({ q: input.value }));

  input.addEventListener("keydown", (event) => {
    if (event.isComposing) return; // the IME owns the keys while composing
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (hits.length) move(Math.min(active + 1, hits.length - 1));
        break;
      case "ArrowUp":
        event.preventDefault();
        if (hits.length) move(Math.max(active - 1, 0));
        break;
      case "Enter":
        event.preventDefault();
        // Typed faster than the server answered: select once it has.
        if (searcher.busy()) enterPending = true;
        else confirm();
        break;
      case "Escape":
        event.preventDefault();
        searcher.cancel();
        input.value = "";
        clearAll();
        break;
    }
  });

  // A click on a hit highlights and confirms it, then the cursor goes back.
  list.addEventListener("mousedown", (event) => event.preventDefault());
  list.addEventListener("click", (event) => {
    const row = event.target.closest("li.hit");
    if (!row) return;
    move([...list.children].indexOf(row));
    confirm();
    input.focus();
  });

  // The cursor lives in the search box: whatever else takes focus, it
  // comes back, so the operator can type as soon as the next call starts.
  input.addEventListener("blur", () => setTimeout(() => {
    if (document.activeElement === document.body || document.activeElement === null) input.focus();
  }, 0));
  window.addEventListener("focus", () => input.focus());
  document.addEventListener("keydown", (event) => {
    if (document.activeElement !== input && event.key.length === 1 && !event.ctrlKey && !event.metaKey) {
      input.focus();
    }
  });
  // The weekly "what's new" list: what the last batch added, changed and
  // deleted, so operators know which numbers moved this week. Refreshed
  // every few minutes, since a batch is applied while the desk is working.
  const news = document.getElementById("news");
  async function loadNews() {
    try {
      const latest = await getJson("/api/changes/latest");
      if (!latest.batch) {
        news.hidden = true;
        return;
      }
      const when = new Date(latest.batch.time * 1000).toLocaleString("zh-CN");
      document.getElementById("news-summary").textContent =
        `${when}：新增 ${latest.added.length}，变更 ${latest.updated.length}，删除 ${latest.deleted.length}`;
      const items = [
        ...latest.added.map((l) => ["新增", l]),
        ...latest.updated.map((l) => ["变更", l]),
        ...latest.deleted.map((l) => ["删除", l]),
      ].slice(0, 200);
      document.getElementById("news-list").replaceChildren(
        ...items.map(([what, l]) =>
          el("li", {}, el("span", { class: "news-kind", text: what }), " ", l.name || l.id)),
      );
      news.hidden = false;
    } catch (_) {
      news.hidden = true;
    }
  }
  loadNews();
  setInterval(loadNews, 5 * 60 * 1000);

  input.focus();
})();
