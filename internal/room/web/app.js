// Two Hats room page: join with the workshop code, then follow the room
// live (Server-Sent Events read with fetch, so the token travels in the
// Authorization header) and vote. Every text from the server is put in the
// page with textContent, never as HTML.
"use strict";

const KEY = "twohats.room.token";
const $ = (id) => document.getElementById(id);
let token = localStorage.getItem(KEY) || "";
let view = null;
let streamAbort = null;
let retry = 1000;

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

function say(msg) { $("status").textContent = msg || ""; }
function oops(msg) { $("error").textContent = msg || ""; }

function showJoin(msg) {
  token = "";
  localStorage.removeItem(KEY);
  if (streamAbort) streamAbort.abort();
  $("play").hidden = true;
  $("join").hidden = false;
  $("who").textContent = "";
  oops(msg || "");
  const code = new URLSearchParams(location.search).get("code");
  if (code && !$("code").value) $("code").value = code;
  ($("code").value ? $("name") : $("code")).focus();
}

async function api(method, path, body) {
  const headers = { "Content-Type": "application/json" };
  if (token) headers["Authorization"] = "Bearer " + token;
  const res = await fetch(path, { method, headers, body: body ? JSON.stringify(body) : undefined, cache: "no-store" });
  let data = {};
  try { data = await res.json(); } catch (e) { data = {}; }
  return { ok: res.ok, status: res.status, data };
}

$("join-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  oops("");
  const code = $("code").value.trim(), name = $("name").value.trim();
  if (!code || !name) { oops("Type the workshop code and your name."); return; }
  say("Joining…");
  try {
    const r = await api("POST", "/api/join", { code, name });
    if (!r.ok) { say(""); oops(r.data.error || "Joining failed; try again."); return; }
    token = r.data.token;
    localStorage.setItem(KEY, token);
    $("join").hidden = true;
    follow();
  } catch (e) {
    say(""); oops("The room cannot be reached. Check you are on the same Wi-Fi as the facilitator.");
  }
});

// follow reads the event stream, reconnecting after a drop.
async function follow() {
  if (streamAbort) streamAbort.abort();
  const ctl = new AbortController();
  streamAbort = ctl;
  try {
    const res = await fetch("/api/events", { headers: { "Authorization": "Bearer " + token }, signal: ctl.signal, cache: "no-store" });
    if (res.status === 401 || res.status === 403 || res.status === 410) {
      let d = {}; try { d = await res.json(); } catch (e) {}
      showJoin(d.error || "Join the room again.");
      return;
    }
    if (!res.ok || !res.body) throw new Error("stream " + res.status);
    retry = 1000;
    oops("");
    const reader = res.body.getReader();
    const dec = new TextDecoder();
    let buf = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += dec.decode(value, { stream: true });
      let i;
      while ((i = buf.indexOf("\n\n")) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        let event = "message", data = "";
        for (const line of block.split("\n")) {
          if (line.startsWith("event: ")) event = line.slice(7);
          else if (line.startsWith("data: ")) data += line.slice(6);
        }
        if (!data) continue;
        const obj = JSON.parse(data);
        if (event === "state") render(obj);
        if (event === "gone") { showJoin(obj.error); return; }
      }
    }
  } catch (e) {
    if (ctl.signal.aborted) return;
  }
  if (view && view.phase === "ended") return;
  say("Reconnecting…");
  setTimeout(follow, retry);
  retry = Math.min(retry * 2, 10000);
}

async function vote(kind, value) {
  if (!view || !view.moment) return;
  oops("");
  const r = await api("POST", "/api/vote", { moment: view.moment.id, kind, value }).catch(() => null);
  if (!r) { oops("Your vote did not reach the room; try again."); return; }
  if (r.status === 401 || r.status === 403) { showJoin(r.data.error); return; }
  if (!r.ok) { oops(r.data.error || "Your vote was not counted."); return; }
  say(VOTED[kind]);
}

const VOTED = {
  reading: "Your reading is in. You can change it until the vote closes.",
  action: "Your vote is in. You can change it until the vote closes."
};

function options(box, list, chosen, kind, open) {
  box.replaceChildren();
  const total = list.reduce((n, o) => n + (o.votes || 0), 0);
  list.forEach((o, i) => {
    const b = el("button", "option");
    b.type = "button";
    b.setAttribute("aria-pressed", String(o.id === chosen));
    b.disabled = !open;
    const label = el("span", "label", o.label);
    b.append(el("span", "key", kind === "action" ? String.fromCharCode(65 + i) : ""), label);
    if (o.votes !== undefined && o.votes !== null) {
      const pct = total ? Math.round(100 * o.votes / total) : 0;
      const bar = el("span", "bar");
      bar.style.width = pct + "%";
      b.append(el("span", "count", o.votes + " · " + pct + "%"), bar);
    }
    if (open) b.addEventListener("click", () => vote(kind, o.id));
    box.append(b);
  });
}

function render(v) {
  view = v;
  $("join").hidden = true;
  $("play").hidden = false;
  $("who").textContent = "Playing as " + v.name + " · " + v.participants + (v.participants === 1 ? " person" : " people") + " in the room";
  const m = v.moment;
  $("progress").textContent = m ? "Moment " + m.number + (m.most ? " of up to " + m.most : "") : "";
  const beats = $("beats");
  beats.replaceChildren(...(v.beats || []).map((t) => el("p", "beat", t)));
  $("scene").replaceChildren(...(m ? m.text.split(/\n\n+/).map((t) => el("p", "", t)) : []));
  const readingOpen = v.phase === "reading";
  const actionOpen = v.phase === "action";
  $("reading").hidden = !(m && m.readings && v.phase !== "lobby");
  if (m && m.readings) options($("reading-options"), m.readings, v.votes.reading, "reading", readingOpen);
  $("action").hidden = !(m && m.choices);
  if (m && m.choices) options($("action-options"), m.choices, v.votes.action, "action", actionOpen);

  const fb = $("feedback");
  fb.hidden = !v.feedback;
  if (v.feedback) {
    const f = v.feedback;
    const parts = [el("h2", "", "The room played"), el("p", "played", f.played)];
    if (f.your_vote) parts.push(el("p", "muted", f.your_vote));
    parts.push(el("p", "", f.text));
    if (f.meters) parts.push(el("p", "muted", "Meters: " + f.meters));
    if (f.held) parts.push(el("p", "muted", "The verdict waits for the debrief."));
    else parts.push(el("p", "verdict", f.calls_for + " " + f.verdict));
    fb.replaceChildren(...parts);
  }
  const end = $("ending");
  end.hidden = !v.ending;
  if (v.ending) {
    end.replaceChildren(el("h2", "", v.ending.title), el("p", "muted", v.ending.outcome), el("p", "", v.ending.text),
      el("p", "away", "The away test: " + v.ending.away));
  }
  const db = $("debrief");
  db.hidden = !v.debrief;
  if (v.debrief) {
    const d = v.debrief;
    const scores = el("dl", "scores");
    scores.append(el("dt", "", "Reading"), el("dd", "", d.reading), el("dt", "", "Fit of your votes"), el("dd", "", d.fit));
    const items = d.moments.map((x) => {
      const li = el("li");
      li.append(el("p", "", x.calls_for + " " + x.why), el("p", "", x.chose));
      if (x.verdict) li.append(el("p", "muted", x.verdict));
      return li;
    });
    const ol = el("ol", "moments");
    ol.append(...items);
    db.replaceChildren(el("h2", "", "Your debrief"), scores, el("p", "", d.cost), ol);
  }
  const phaseSay = {
    lobby: "Waiting for the facilitator to open the moment.",
    reading: "Name the hat: what does this moment call for?",
    "reading-revealed": "The room's readings are in.",
    action: "Pick what you would do.",
    "action-revealed": "The votes are in. The facilitator will play an option.",
    feedback: "Here is what happened.",
    ended: "The session has ended. Thank you for playing."
  };
  // the participant's own vote stays acknowledged whatever else changes
  // (another vote moves the count; events may arrive after the vote's answer)
  if (readingOpen && v.votes.reading) say(VOTED.reading);
  else if (actionOpen && v.votes.action) say(VOTED.action);
  else say(phaseSay[v.phase] || "");
}

if (token) follow(); else showJoin("");
