// The public self-service page: one search box, results as you type,
// district and category filters, numbers as tel: links.
"use strict";

(() => {
  const { el, highlighted, getJson, partialNotice, Searcher } = Chahao;
  const form = document.getElementById("search-form");
  const input = document.getElementById("q");
  const district = document.getElementById("district");
  const category = document.getElementById("category");
  const status = document.getElementById("status");
  const results = document.getElementById("results");

  function params() {
    return { q: input.value, district: district.value, category: category.value };
  }

  function card(hit) {
    const phones = el("ul", { class: "phones" });
    for (const phone of hit.phones) {
      phones.append(
        el(
          "li",
          {},
          phone.label ? el("span", { class: "phone-label", text: phone.label }) : null,
          el("a", {
            class: "tel",
            href: `tel:${phone.dial}`,
            text: phone.display,
            "aria-label": `拨打 ${phone.label || ""} ${phone.display}`.replace(/\s+/g, " "),
          }),
        ),
      );
    }
    const place = [hit.district, hit.address].filter(Boolean).join(" · ");
    return el(
      "li",
      { class: "card", "data-id": hit.id },
      el("h2", { class: "name" }, highlighted(hit.name, hit.highlights)),
      hit.department ? el("p", { class: "dept", text: hit.department }) : null,
      hit.aliases.length ? el("p", { class: "aliases", text: `又称：${hit.aliases.join("、")}` }) : null,
      phones,
      place ? el("p", { class: "place", text: place }) : null,
    );
  }

  function show(body) {
    results.replaceChildren(...body.hits.map(card));
    status.textContent =
      partialNotice(body.query, body.hits) ||
      (body.hits.length
        ? `找到 ${body.hits.length} 条结果`
        : "没有找到匹配的单位，请换个说法试试（如简称或拼音首字母）。");
    status.classList.remove("error");
  }

  const searcher = new Searcher({
    delay: 100,
    onResults: show,
    onError: (message) => {
      results.replaceChildren();
      status.textContent = message;
      status.classList.add("error");
    },
    onClear: () => {
      results.replaceChildren();
      status.textContent = "";
      status.classList.remove("error");
    },
  });

  // The query and filters live in the address too, so a result can be
  // bookmarked or shared, and Back returns to it.
  function remember() {
    const url = new URL(window.location.href);
    for (const [key, value] of Object.entries(params())) {
      if (value.trim()) url.searchParams.set(key, value);
      else url.searchParams.delete(key);
    }
    history.replaceState(null, "", url);
  }

  input.addEventListener("input", () => {
    searcher.request(params());
    remember();
  });
  for (const select of [district, category]) {
    select.addEventListener("change", () => {
      searcher.request(params(), 0);
      remember();
    });
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    searcher.request(params(), 0);
    if (results.firstChild) results.focus();
  });

  async function fill(select, path) {
    try {
      const { ok, body } = await getJson(path);
      if (!ok) return;
      const chosen = select.value;
      for (const item of body.items) {
        select.append(el("option", { value: item.name, text: `${item.name}（${item.count}）` }));
      }
      select.value = chosen;
    } catch (_) {
      // The filters are optional: search works without them.
    }
  }

  async function start() {
    const given = new URL(window.location.href).searchParams;
    await Promise.all([fill(district, "/api/districts"), fill(category, "/api/categories")]);
    for (const [select, key] of [[district, "district"], [category, "category"]]) {
      const value = given.get(key);
      if (value && [...select.options].some((o) => o.value === value)) select.value = value;
    }
    const q = given.get("q");
    if (q && !input.value) input.value = q;
    if (input.value.trim()) searcher.request(params(), 0);
  }

  start();
})();
