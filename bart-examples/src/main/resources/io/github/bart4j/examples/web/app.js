// The balloon task's page: plays through the JSON API (docs/web-api.md). No data from the server is
// ever inserted as HTML: only textContent and SVG attributes are set.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const ID_RULE = /^[A-Za-z0-9_-]{1,64}$/;
  const PALETTE = ["#e23b3b", "#2f7de1", "#f39c12", "#8e44ad", "#16a085", "#d35400"];
  let state = null;
  let busy = false;

  function money(x) {
    return "$" + Number(x).toFixed(2);
  }

  function colour(type) {
    if (!type) return PALETTE[0];
    if (window.CSS && CSS.supports("color", type)) return type;
    let h = 0;
    for (const ch of type) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
    return PALETTE[h % PALETTE.length];
  }

  function show(screen) {
    for (const id of ["start-screen", "game-screen", "end-screen"]) $(id).hidden = id !== screen;
  }

  function error(text) {
    $("error").textContent = text || "";
    $("error").hidden = !text;
  }

  async function call(method, path, body) {
    const options = { method: method, headers: {} };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(path, options);
    } catch (e) {
      throw new Error("The server cannot be reached. Please try again in a moment.");
    }
    const data = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new Error(data.error || ("The server answered " + response.status + "."));
    }
    return data;
  }

  function drawBalloon(b) {
    const scale = b.max_pumps || 64;
    const growth = Math.min(1, b.pumps / scale);
    const rx = 30 + 70 * growth;
    const ry = rx * 1.18;
    const bottom = 236;
    const cy = bottom - ry;
    const fill = colour(b.type);
    $("balloon-body").setAttribute("rx", rx.toFixed(1));
    $("balloon-body").setAttribute("ry", ry.toFixed(1));
    $("balloon-body").setAttribute("cy", cy.toFixed(1));
    $("balloon-body").setAttribute("fill", fill);
    $("balloon-knot").setAttribute("fill", fill);
    $("balloon-knot").setAttribute("d", "M115 " + (bottom + 7) + " Q120 " + (bottom + 3) + " 125 " + (bottom + 7)
      + " L121 " + (bottom - 1) + " L119 " + (bottom - 1) + " Z");
    $("balloon-string").setAttribute("d", "M120 " + (bottom + 7) + " Q112 270 122 298");
    $("balloon-shine").setAttribute("cx", (120 - rx * 0.45).toFixed(1));
    $("balloon-shine").setAttribute("cy", (cy - ry * 0.35).toFixed(1));
    $("balloon-shine").setAttribute("rx", (rx * 0.16).toFixed(1));
    $("balloon-shine").setAttribute("ry", (ry * 0.22).toFixed(1));
    $("balloon").setAttribute("visibility", "visible");
    $("pop").setAttribute("visibility", "hidden");
  }

  function render() {
    $("who").textContent = state.participant;
    $("total-earnings").textContent = money(state.total_earnings);
    if (state.done) {
      $("end-balloons").textContent = String(state.balloons_total);
      $("end-total").textContent = money(state.total_earnings);
      show("end-screen");
      return;
    }
    const b = state.balloon;
    $("balloon-number").textContent = "Balloon " + b.id + " of " + state.balloons_total;
    $("balloon-type").textContent = b.type ? b.type + " balloon" : "";
    $("balloon-type").style.backgroundColor = colour(b.type);
    $("balloon-earnings").textContent = money(b.earnings);
    $("pumps").textContent = String(b.pumps);
    const rules = $("rules");
    rules.replaceChildren(...b.rules.map((text) => {
      const li = document.createElement("li");
      li.textContent = text;
      return li;
    }));
    drawBalloon(b);
    show("game-screen");
  }

  function message(text, kind) {
    $("message").textContent = text;
    $("message").className = kind || "";
  }

  function setBusy(value) {
    busy = value;
    $("pump").disabled = value;
    $("cashout").disabled = value;
  }

  function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  async function act(action) {
    if (busy || !state || state.done) return;
    setBusy(true);
    try {
      const next = await call("POST", "/api/sessions/" + encodeURIComponent(state.session) + "/" + action);
      error("");
      if (next.result === "burst") {
        $("balloon").setAttribute("visibility", "hidden");
        $("pop").setAttribute("visibility", "visible");
        $("balloon-earnings").textContent = money(0);
        $("pumps").textContent = String(next.last.pumps);
        message("POP! Balloon " + next.last.id + " burst at pump " + next.last.pumps
          + ". You lost this balloon's money.", "burst");
        await sleep(1200);
      } else if (next.result === "cashed_out") {
        message("You banked " + money(next.last.earnings) + " from balloon " + next.last.id + ".", "banked");
      } else {
        message("");
      }
      state = next;
      render();
    } catch (e) {
      error(e.message);
    } finally {
      setBusy(false);
    }
  }

  async function start(participant) {
    if (!ID_RULE.test(participant)) {
      error("The participant ID must be 1 to 64 letters, digits, _ or -.");
      return;
    }
    try {
      state = await call("POST", "/api/sessions", { participant: participant });
      error("");
      history.replaceState(null, "", "?participant=" + encodeURIComponent(participant));
      if (state.balloons_done > 0 && !state.done) {
        message("Welcome back: " + state.balloons_done + " of " + state.balloons_total + " balloons played.");
      }
      render();
    } catch (e) {
      error(e.message);
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("start-form").addEventListener("submit", (event) => {
      event.preventDefault();
      start($("participant").value.trim());
    });
    $("pump").addEventListener("click", (event) => { event.currentTarget.blur(); act("pump"); });
    $("cashout").addEventListener("click", (event) => { event.currentTarget.blur(); act("cash-out"); });
    document.addEventListener("keydown", (event) => {
      if ($("game-screen").hidden || event.repeat || event.altKey || event.ctrlKey || event.metaKey) return;
      const key = event.key.toLowerCase();
      if (key === " " || key === "p") {
        event.preventDefault();
        act("pump");
      } else if (key === "c" || key === "enter") {
        event.preventDefault();
        act("cash-out");
      }
    });
    const given = new URLSearchParams(location.search).get("participant");
    if (given) {
      $("participant").value = given;
      start(given);
    }
  });
})();
