// Reply in place: move the comment form under the comment being answered.
// Without this script, each Reply link opens a page with the form set up.
(function () {
  "use strict";
  var respond = document.getElementById("respond");
  if (!respond) return;
  var form = respond.querySelector("form");
  var parentInput = form.querySelector('input[name="parent"]');
  var heading = document.getElementById("respond-heading");
  var home = respond.parentNode;
  var homeNext = respond.nextSibling;
  var originalHeading = heading.textContent;

  var cancel = document.createElement("button");
  cancel.type = "button";
  cancel.className = "cancel-reply";
  cancel.textContent = "Cancel reply";
  cancel.hidden = true;
  heading.after(cancel);

  function reset() {
    home.insertBefore(respond, homeNext);
    parentInput.value = "";
    heading.textContent = originalHeading;
    cancel.hidden = true;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest(".reply-link");
    if (!link) return;
    event.preventDefault();
    var comment = document.getElementById("comment-" + link.dataset.comment);
    var author = comment.querySelector(".comment-author").textContent.trim();
    comment.after(respond);
    parentInput.value = link.dataset.comment;
    heading.textContent = "Reply to " + author;
    cancel.hidden = false;
    form.querySelector("textarea").focus();
  });

  cancel.addEventListener("click", function () {
    reset();
    heading.focus();
  });
})();

// Proof of work, while editors ask for it (comments/proof_of_work.py): once
// the reader starts on the form, ask the site for a puzzle and solve it in
// the background; a comment sent before it is solved waits for it.
(function () {
  "use strict";
  var form = document.querySelector("#respond form[data-challenge]");
  if (!form || !window.crypto || !crypto.subtle) return;
  var proof = form.querySelector('input[name="proof"]');
  var status = document.getElementById("comment-status");
  var solving = null;
  var encoder = new TextEncoder();

  function hex(buffer) {
    return Array.from(new Uint8Array(buffer), function (byte) {
      return byte.toString(16).padStart(2, "0");
    }).join("");
  }

  async function solve(puzzle) {
    for (var number = 0; number <= puzzle.maxnumber; number++) {
      var digest = await crypto.subtle.digest(
        "SHA-256", encoder.encode(puzzle.salt + number)
      );
      if (hex(digest) === puzzle.challenge) {
        return btoa(JSON.stringify({
          algorithm: puzzle.algorithm, challenge: puzzle.challenge,
          number: number, salt: puzzle.salt, signature: puzzle.signature
        }));
      }
    }
    return "";
  }

  function start() {
    if (!solving) {
      solving = fetch(form.dataset.challenge, { credentials: "same-origin" })
        .then(function (response) {
          return response.status === 200 ? response.json().then(solve) : "";
        })
        .then(function (solution) { proof.value = solution; })
        .catch(function () { /* the site explains, if it needed one */ });
    }
    return solving;
  }

  form.addEventListener("focusin", start);
  form.addEventListener("submit", function (event) {
    if (proof.value) return;
    event.preventDefault();
    status.textContent = "One moment: your browser is checking in…";
    start().then(function () { form.submit(); });
  });
})();

// The comment box: a count of what is left, as the site counts it (nothing
// is cut off: a comment too long is sent back with the site's message), and
// a preview of its formatting, rendered by the site and never stored.
(function () {
  "use strict";
  var form = document.querySelector("form[data-preview]");
  if (!form) return;
  var box = form.querySelector('textarea[name="body"]');
  var limit = Number(box.dataset.limit);
  var count = document.createElement("p");
  var spoken = document.createElement("p");
  var timer = null;
  count.className = "help count";
  count.setAttribute("aria-hidden", "true");
  spoken.className = "visually-hidden";
  spoken.setAttribute("aria-live", "polite");

  function describe() {
    var left = limit - Array.from(box.value.trim()).length;
    var many = Math.abs(left).toLocaleString("en");
    var noun = Math.abs(left) === 1 ? " character" : " characters";
    count.classList.toggle("over", left < 0);
    return left < 0 ? many + noun + " too many" : many + noun + " left";
  }

  box.addEventListener("input", function () {
    count.textContent = describe();
    // Screen readers hear the count when the writer pauses, not each key.
    clearTimeout(timer);
    timer = setTimeout(function () { spoken.textContent = describe(); }, 1000);
  });
  count.textContent = describe();
  box.after(count, spoken);

  var button = document.createElement("button");
  var shown = document.createElement("div");
  button.type = "button";
  button.className = "secondary";
  button.textContent = "Preview";
  shown.className = "comment-preview";
  shown.hidden = true;
  shown.setAttribute("aria-live", "polite");
  box.parentNode.after(button, shown);

  button.addEventListener("click", function () {
    var data = new FormData();
    data.append("body", box.value);
    fetch(form.dataset.preview, {
      method: "POST", body: data, credentials: "same-origin"
    }).then(function (response) {
      return response.text().then(function (text) {
        shown.hidden = false;
        shown.replaceChildren();
        var label = document.createElement("p");
        label.className = "preview-label";
        label.textContent = response.ok ? "Preview" : "No preview";
        var body = document.createElement("div");
        body.className = "comment-body";
        // The site's sanitised rendering, or its plain-text message.
        if (response.ok) body.innerHTML = text; else body.textContent = text;
        shown.append(label, body);
      });
    }).catch(function () {
      shown.hidden = false;
      shown.textContent = "The preview could not be loaded; your text is safe.";
    });
  });
})();
