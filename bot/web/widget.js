// Radix web widget: talks to bot/channels/web.py over socket.io and shows its replies.
// Structured replies come with server-rendered, escaped HTML (common/render/web.py); this script
// only inserts it and wires the citation markers, the answer buttons and a case summary's copy and
// download buttons. Plain text is set as text.
(function () {
  "use strict";

  var log = document.getElementById("log");
  var form = document.getElementById("composer");
  var input = document.getElementById("message");
  var sendButton = document.getElementById("send");
  var statusLine = document.getElementById("status");
  var dialog = document.getElementById("citation");
  var sessionId = null;  // kept in memory only: a reload starts a new conversation
  var pendingTurns = 0;  // messages sent whose turn the server has not closed yet (bot_turn_done)

  function setBusy(delta) {
    pendingTurns = Math.max(0, pendingTurns + delta);
    log.setAttribute("aria-busy", pendingTurns > 0 ? "true" : "false");
    if (pendingTurns === 0) setStatus("");
  }

  function setStatus(text) { statusLine.textContent = text; }

  function setReady(ready) {
    input.disabled = !ready;
    sendButton.disabled = !ready;
  }

  function append(element) {
    log.appendChild(element);
    element.scrollIntoView({ block: "nearest" });
  }

  function addUserMessage(text) {
    var bubble = document.createElement("div");
    bubble.className = "msg user";
    bubble.textContent = text;
    append(bubble);
  }

  function quickReplies(buttons) {
    var group = document.createElement("div");
    group.className = "quick-replies";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Answer");
    buttons.forEach(function (b) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "quick-reply";
      button.dataset.payload = b.payload;
      button.textContent = b.title;
      group.appendChild(button);
    });
    return group;
  }

  function addBotMessage(message) {
    if (!message || typeof message !== "object") return;
    var bubble = document.createElement("div");
    bubble.className = "msg bot";
    var reply = message.radix_reply;
    if (reply && typeof message.html === "string") {
      bubble.classList.add("reply", "reply-" + reply.type);
      bubble.innerHTML = message.html;  // escaped on the server
      bubble.citations = {};
      (reply.citations || []).forEach(function (c) { bubble.citations[c.n] = c; });
    } else {
      var text = document.createElement("div");
      text.className = "text";
      text.textContent = message.text || "";
      bubble.appendChild(text);
      if (Array.isArray(message.quick_replies) && message.quick_replies.length) {
        bubble.appendChild(quickReplies(message.quick_replies));
      }
    }
    append(bubble);
  }

  function send(text, shown) {
    if (!sessionId || !socket.connected) {
      setStatus("Not connected yet; please wait a moment and try again.");
      return false;
    }
    addUserMessage(shown || text);
    socket.emit("user_uttered", { message: text, session_id: sessionId });
    setBusy(1);
    setStatus("Radix is thinking\u2026");
    return true;
  }

  function showCitation(citation, n) {
    document.getElementById("citation-heading").textContent = "Source [" + n + "]";
    document.getElementById("citation-quote").textContent =
      citation ? "\u201c" + citation.quote + "\u201d" : "Quote not available.";
    document.getElementById("citation-title").textContent = citation ? citation.title : "";
    dialog.showModal();  // Esc closes it; focus returns to the marker
  }

  // A case summary's "Copy summary" and "Download": the plain-text note the server rendered into
  // the reply's hidden <pre class="summary-text"> (the same text as `radix case show`).
  function summaryText(bubble) {
    var note = bubble ? bubble.querySelector(".summary-text") : null;
    return note ? note.textContent : "";
  }

  function copyWithSelection(text) {
    // Older browsers and pages that are not a secure context: a hidden textarea and "copy".
    var area = document.createElement("textarea");
    area.className = "copy-buffer";
    area.value = text;
    area.setAttribute("readonly", "");
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
    document.body.removeChild(area);
    return copied ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return copyWithSelection(text); });
    }
    return copyWithSelection(text);
  }

  function downloadText(text, fileName) {
    var url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    var link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    link.className = "download-link";
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    // The browser has taken the file once the click returns; the URL is released a little later.
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  function summaryTool(button) {
    var bubble = button.closest(".msg");
    var text = summaryText(bubble);
    var status = bubble.querySelector(".copy-status");
    if (button.classList.contains("download-summary")) {
      downloadText(text, button.dataset.filename || "radix-summary.txt");
      return;
    }
    copyText(text).then(function () {
      if (status) status.textContent = button.dataset.copied || "Copied";
    }, function () {
      if (status) status.textContent = "Could not copy: select the text and copy it by hand.";
      bubble.querySelector(".summary-text").hidden = false;
    });
  }

  log.addEventListener("click", function (event) {
    var tool = event.target.closest(".copy-summary, .download-summary");
    if (tool) {
      summaryTool(tool);
      return;
    }
    var marker = event.target.closest(".cite");
    if (marker) {
      var bubble = marker.closest(".msg");
      var n = marker.dataset.cite;
      showCitation(bubble && bubble.citations ? bubble.citations[n] : null, n);
      return;
    }
    var answer = event.target.closest(".quick-reply");
    if (answer && !answer.disabled) {
      var group = answer.closest(".quick-replies");
      if (send(answer.dataset.payload, answer.textContent)) {
        group.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
        answer.classList.add("chosen");
      }
    }
  });

  document.getElementById("citation-close").addEventListener("click", function () {
    dialog.close();
  });
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) dialog.close();  // a click on the backdrop
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value;
    if (!text.trim()) { input.focus(); return; }
    if (send(text)) input.value = "";
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  if (typeof io !== "function") {
    setStatus("The chat could not load its connection script. Please reload the page.");
    return;
  }
  // Long-polling only: the server cannot serve websockets (see bot/channels/web.py).
  var socket = io({ path: "/socket.io", transports: ["polling"] });
  socket.on("connect", function () {
    socket.emit("session_request", { session_id: sessionId });
  });
  socket.on("session_confirm", function (id) {
    sessionId = id;
    setBusy(-pendingTurns);  // a turn cut off by a dropped connection is not waited for
    setReady(true);
    setStatus("");
  });
  socket.on("disconnect", function () {
    setReady(false);
    setStatus("Connection lost; reconnecting\u2026");
  });
  socket.on("connect_error", function () {
    setReady(false);
    setStatus("Cannot reach Radix; retrying\u2026");
  });
  socket.on("bot_uttered", addBotMessage);
  socket.on("bot_turn_done", function () { setBusy(-1); });
})();
