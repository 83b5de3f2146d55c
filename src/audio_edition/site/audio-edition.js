/* audio-edition: the listening pages' player, transcript and copy buttons.
 *
 * The pages work without this script: the <audio> element has the browser's own controls and
 * the transcript is plain text. The script adds
 *   - the player's own controls (play/pause, -15/+15 s, a seek bar with chapter marks, speed),
 *   - the position remembered per episode, and the speed across episodes (localStorage),
 *   - the sentence being read: aria-current="true" on exactly one [data-start] element of the
 *     transcript, kept in view while playing (smoothly unless the reader prefers less motion),
 *   - clicks on a sentence or a chapter play from its data-start,
 *   - keys: Space (or K) plays and pauses, Left/Right (or J/L) skip 15 s,
 *   - copy buttons for the feed address and the embed code.
 */
(function () {
  "use strict";

  var SKIP = 15;
  var STORE = "audio-edition:";
  var reduceMotion = window.matchMedia &&
    window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function clock(seconds) {
    var s = Math.max(0, Math.floor(seconds || 0));
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    var mm = h ? String(m).padStart(2, "0") : String(m);
    return (h ? h + ":" : "") + mm + ":" + String(r).padStart(2, "0");
  }

  // localStorage can be missing or refuse (private windows, disabled storage).
  function load(key) {
    try { return window.localStorage.getItem(STORE + key); } catch (e) { return null; }
  }
  function save(key, value) {
    try {
      if (value === null) window.localStorage.removeItem(STORE + key);
      else window.localStorage.setItem(STORE + key, String(value));
    } catch (e) { /* nothing to remember then */ }
  }

  function setupPlayer(root) {
    var audio = root.querySelector("audio");
    var controls = root.querySelector(".controls");
    if (!audio || !controls) return;
    var toggle = controls.querySelector("[data-action=toggle]");
    var seek = controls.querySelector("input[type=range]");
    var now = controls.querySelector("[data-now]");
    var speed = controls.querySelector("[data-speed]");
    var of = root.getAttribute("data-of") || "/";
    var positionKey = "position:" + new URL(audio.currentSrc || audio.src, location.href).pathname;
    var dragging = false;

    audio.controls = false;
    controls.hidden = false;
    document.querySelectorAll(".keys, .follow").forEach(function (el) { el.hidden = false; });

    function duration() {
      return isFinite(audio.duration) && audio.duration > 0 ? audio.duration : Number(seek.max);
    }

    function seekTo(t) {
      audio.currentTime = Math.min(Math.max(0, t), duration());
    }

    function playFrom(t) {
      seekTo(t);
      var started = audio.play();
      if (started && started.catch) started.catch(function () { /* blocked: stays paused */ });
    }

    // -- controls --
    function showState() {
      var playing = !audio.paused;
      root.classList.toggle("playing", playing);
      toggle.setAttribute("aria-label", root.getAttribute(playing ? "data-pause" : "data-play"));
    }

    function showTime() {
      var t = audio.currentTime;
      if (!dragging) seek.value = t;
      now.textContent = clock(t);
      seek.setAttribute("aria-valuetext", clock(t) + " " + of + " " + clock(duration()));
    }

    controls.addEventListener("click", function (event) {
      var button = event.target.closest("[data-action]");
      if (!button) return;
      var action = button.getAttribute("data-action");
      if (action === "toggle") togglePlay();
      else if (action === "back") seekTo(audio.currentTime - SKIP);
      else if (action === "forward") seekTo(audio.currentTime + SKIP);
    });

    function togglePlay() {
      if (audio.paused) playFrom(audio.currentTime);
      else audio.pause();
    }

    seek.addEventListener("input", function () {
      dragging = true;
      now.textContent = clock(Number(seek.value));
    });
    seek.addEventListener("change", function () {
      dragging = false;
      seekTo(Number(seek.value));
    });

    var rate = Number(load("rate"));
    if (rate >= 0.75 && rate <= 2) {
      speed.value = String(rate);
      if (speed.value) audio.playbackRate = rate;
    }
    speed.addEventListener("change", function () {
      audio.playbackRate = Number(speed.value);
      save("rate", speed.value);
    });
    // The browser resets the rate when it loads the source.
    audio.addEventListener("loadedmetadata", function () {
      audio.playbackRate = Number(speed.value) || 1;
    });

    // -- the position, remembered per episode --
    var lastSaved = 0;
    function remember() {
      var t = audio.currentTime;
      if (audio.ended || t < 1) save(positionKey, null);
      else save(positionKey, t.toFixed(1));
      lastSaved = Date.now();
    }
    function restore() {
      var hash = /^#t=(\d+(?:\.\d+)?)$/.exec(location.hash);
      var saved = hash ? Number(hash[1]) : Number(load(positionKey));
      if (saved > 0 && saved < duration() - 1 && audio.currentTime < 0.5) seekTo(saved);
      showTime();
    }
    if (audio.readyState >= 1) restore();
    else audio.addEventListener("loadedmetadata", restore, { once: true });
    audio.addEventListener("pause", remember);
    audio.addEventListener("ended", remember);
    window.addEventListener("pagehide", remember);

    // -- the transcript --
    var sentences = Array.prototype.slice.call(
      document.querySelectorAll(".transcript [data-start]")).map(function (el) {
      return { el: el, start: Number(el.getAttribute("data-start")) };
    });
    var chapters = Array.prototype.slice.call(
      document.querySelectorAll(".chapters [data-start]")).map(function (el) {
      return { el: el.closest("li") || el, start: Number(el.getAttribute("data-start")) };
    });
    var follow = document.querySelector("[data-follow]");
    var current = null, currentChapter = null, userScrolled = 0;

    // The last item that has started by time t (the sentence before a pause stays current
    // through it); -1 before the first.
    function lastStarted(items, t) {
      var lo = 0, hi = items.length - 1, found = -1;
      while (lo <= hi) {
        var mid = (lo + hi) >> 1;
        if (items[mid].start <= t) { found = mid; lo = mid + 1; } else hi = mid - 1;
      }
      return found;
    }

    function sync() {
      var t = audio.currentTime;
      var i = lastStarted(sentences, t);
      var el = i >= 0 ? sentences[i].el : null;
      if (el !== current) {
        if (current) current.removeAttribute("aria-current");
        if (el) el.setAttribute("aria-current", "true");
        current = el;
        if (el && !audio.paused) keepInView(el);
      }
      var c = lastStarted(chapters, t);
      var chapter = c >= 0 ? chapters[c].el : null;
      if (chapter !== currentChapter) {
        if (currentChapter) currentChapter.classList.remove("now");
        if (chapter) chapter.classList.add("now");
        currentChapter = chapter;
      }
      showTime();
      if (!audio.paused && Date.now() - lastSaved > 5000) remember();
    }

    function keepInView(el) {
      if (follow && !follow.checked) return;
      if (Date.now() - userScrolled < 4000) return;  // the reader is looking elsewhere
      var box = el.getBoundingClientRect();
      var top = root.getBoundingClientRect().bottom;  // below the sticky player
      if (box.top >= top && box.bottom <= window.innerHeight * 0.8) return;
      el.scrollIntoView({ block: "center", behavior: reduceMotion ? "auto" : "smooth" });
    }
    ["wheel", "touchmove"].forEach(function (type) {
      window.addEventListener(type, function () { userScrolled = Date.now(); }, { passive: true });
    });

    var frame = 0;
    function tick() {
      sync();
      frame = audio.paused ? 0 : window.requestAnimationFrame(tick);
    }
    audio.addEventListener("play", function () {
      showState();
      if (!frame) frame = window.requestAnimationFrame(tick);
    });
    audio.addEventListener("pause", showState);
    ["timeupdate", "seeked", "loadedmetadata"].forEach(function (type) {
      audio.addEventListener(type, sync);
    });

    // A click on a sentence or a chapter plays from its start; selecting text does not.
    document.addEventListener("click", function (event) {
      var target = event.target.closest && event.target.closest("[data-start]");
      if (!target || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
      var selection = window.getSelection && window.getSelection();
      if (selection && !selection.isCollapsed && !target.href) return;
      event.preventDefault();
      playFrom(Number(target.getAttribute("data-start")));
    });

    document.addEventListener("keydown", function (event) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      var el = event.target;
      if (el.closest && el.closest("input, textarea, select, button, [contenteditable]")) return;
      var key = event.key;
      if (key === " " || key === "Spacebar" || key === "k") togglePlay();
      else if (key === "ArrowLeft" || key === "j") seekTo(audio.currentTime - SKIP);
      else if (key === "ArrowRight" || key === "l") seekTo(audio.currentTime + SKIP);
      else return;
      event.preventDefault();
    });

    showState();
    sync();
  }

  function setupCopy(button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector(".copy-status");
    if (!source) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = source.value || source.textContent;
      function done() {
        if (!status) return;
        status.textContent = status.getAttribute("data-copied");
        window.setTimeout(function () { status.textContent = ""; }, 3000);
      }
      function fallback() {
        source.focus();
        source.select();
        try { if (document.execCommand("copy")) done(); } catch (e) { /* selected at least */ }
      }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, fallback);
      } else {
        fallback();
      }
    });
  }

  document.querySelectorAll("[data-player]").forEach(setupPlayer);
  document.querySelectorAll("[data-copy]").forEach(setupCopy);
})();
