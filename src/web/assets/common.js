// Shared by the public page and the operator console: talking to the API,
// searching as the user types without ever showing a stale answer, and
// drawing names with their matched characters highlighted.
"use strict";

const Chahao = (() => {
  // Why a hit matched, as an operator reads it at a glance.
  const MATCH_LABELS = {
    exact: "全称",
    prefix: "前缀",
    alias: "简称",
    short_name: "简称",
    inner: "包含",
    number: "号码",
    full_pinyin: "拼音",
    mixed: "汉字拼音",
    initials: "首字母",
    fuzzy_pinyin: "模糊音",
    homophone: "同音字",
    typo: "纠错",
    english: "英文",
    department: "部门",
    area: "地区",
    category: "类别",
    literal: "包含",
    other: "相关",
  };

  function matchLabel(kind) {
    return MATCH_LABELS[kind] || "相关";
  }

  // When nothing matched the whole query, the hits match part of it: says
  // so, naming what was looked up instead ("未找到「中山大学保卫科」，以下为
  // 「中山大学」的结果"); null for hits of the whole query.
  function partialNotice(query, hits) {
    const first = hits[0];
    if (!first || !first.partial) return null;
    const matched = (first.parts || [])
      .filter((p) => p.match && p.role !== "wanted")
      .map((p) => p.text)
      .join(" ");
    return `未找到「${query.trim()}」，以下为「${matched}」的结果`;
  }

  // Builds an element; `children` are nodes or strings (set as text, never
  // parsed as HTML, so data from the directory cannot inject markup).
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child);
    }
    return node;
  }

  // The name with the char ranges [from, to) wrapped in <mark>. Ranges
  // count Unicode characters, as the server does, not UTF-16 units.
  function highlighted(name, ranges) {
    const chars = Array.from(name);
    const marked = new Array(chars.length).fill(false);
    for (const [from, to] of ranges || []) {
      for (let i = Math.max(0, from); i < Math.min(to, chars.length); i++) marked[i] = true;
    }
    const out = document.createDocumentFragment();
    let i = 0;
    while (i < chars.length) {
      let j = i;
      while (j < chars.length && marked[j] === marked[i]) j++;
      const text = chars.slice(i, j).join("");
      out.append(marked[i] ? el("mark", {}, text) : text);
      i = j;
    }
    return out;
  }

  // The operator token: given once as /console#token=…, kept in this tab's
  // sessionStorage and sent as a bearer token, so the console is not held
  // to the per-client rate limit (a call centre is many operators behind
  // one address). A URL fragment never reaches the server or its log.
  const TOKEN_KEY = "chahao.operatorToken";

  function adoptToken() {
    const match = location.hash.match(/^#token=(.+)$/);
    if (!match) return;
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    history.replaceState(null, "", location.pathname + location.search);
  }

  function authHeaders() {
    const token = sessionStorage.getItem(TOKEN_KEY);
    return token ? { Authorization: `Bearer ${token}` } : {};
  }

  // GET a JSON endpoint; resolves to {ok, status, body}.
  async function getJson(path, signal) {
    const response = await fetch(path, {
      signal,
      headers: { Accept: "application/json", ...authHeaders() },
    });
    let body;
    try {
      body = await response.json();
    } catch (_) {
      body = { error: `服务器返回了无法识别的内容（${response.status}）` };
    }
    return { ok: response.ok, status: response.status, body };
  }

  // Searches as the user types. Each call of `request()` supersedes every
  // earlier one: the earlier fetch is aborted, and should its answer still
  // arrive, its sequence number no longer matches and it is dropped, so a
  // slow answer to "中" can never overwrite the answer to "中山一院".
  class Searcher {
    constructor({ delay, onResults, onError, onClear }) {
      this.delay = delay;
      this.onResults = onResults;
      this.onError = onError;
      this.onClear = onClear;
      this.seq = 0;
      this.timer = null;
      this.controller = null;
      this.waiting = false; // the latest request has not been answered yet
    }

    // Searches `params` after `delay` ms (the debounce; 0 = now).
    request(params, delay = this.delay) {
      const seq = this.supersede();
      if (!params.q.trim()) {
        this.onClear();
        return;
      }
      this.waiting = true;
      this.timer = setTimeout(() => this.run(seq, params), delay);
    }

    // Drops whatever is waiting or in flight.
    cancel() {
      this.supersede();
    }

    // True while the latest request waits for its delay or its answer.
    busy() {
      return this.waiting;
    }

    supersede() {
      clearTimeout(this.timer);
      if (this.controller) this.controller.abort();
      this.controller = null;
      this.waiting = false;
      return ++this.seq;
    }

    async run(seq, params) {
      const controller = new AbortController();
      this.controller = controller;
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(params)) {
        if (value) query.set(key, value);
      }
      let answer;
      try {
        answer = await getJson(`/api/search?${query}`, controller.signal);
      } catch (e) {
        if (seq !== this.seq) return;
        answer = { ok: false, body: { error: "无法连接服务器，请稍后再试" } };
      }
      if (seq !== this.seq) return;
      this.waiting = false;
      this.controller = null;
      if (answer.ok) this.onResults(answer.body, params);
      else this.onError(answer.body.error || "查询失败");
    }
  }

  return {
    el,
    highlighted,
    getJson,
    matchLabel,
    partialNotice,
    Searcher,
    adoptToken,
    authHeaders,
  };
})();
