/* The editor of an article's or page's form: EasyMDE on the body; a live
   preview, the page as the site renders it, with the checks beside it; text
   kept in this browser at every change and on the server every half minute;
   who else has it open; saving without leaving the page (Ctrl/Cmd-S). */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";

  var config = document.getElementById("editor-config");
  var body = document.getElementById("id_body");
  if (!config || !body || !window.EasyMDE) {
    return;
  }
  var EasyMDE = window.EasyMDE;
  var urls = config.dataset;
  var form = body.form;
  var csrf = form.querySelector("[name=csrfmiddlewaretoken]").value;
  var status = document.getElementById("editor-status");
  var storageKey = "editor:" + window.location.pathname;
  var TEXT_FIELDS = ["title", "slug", "summary", "body"];
  var PREVIEW_FIELDS = (urls.previewFields || "").split(" ").filter(function (name) {
    return name && TEXT_FIELDS.indexOf(name) === -1;
  });

  function field(name) {
    return document.getElementById("id_" + name);
  }

  function say(text) {
    status.textContent = text;
  }

  function clock(date) {
    return date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  function post(url, payload) {
    var data = new FormData();
    Object.keys(payload).forEach(function (name) {
      data.append(name, payload[name]);
    });
    data.append("csrfmiddlewaretoken", csrf);
    return fetch(url, { method: "POST", body: data, credentials: "same-origin" });
  }

  /* The editor */

  function button(name, action, label, title) {
    var icon = '<span aria-hidden="true">' + label + "</span>";
    return { name: name, action: action, title: title, icon: icon };
  }

  var help = document.getElementById("editor-help");
  function openHelp() {
    if (!help.open) {
      help.showModal();
    }
  }
  document.getElementById("editor-help-close").addEventListener("click", function () {
    help.close();
  });

  var editor = new EasyMDE({
    element: body,
    autoDownloadFontAwesome: false,
    spellChecker: false,
    nativeSpellcheck: true,
    forceSync: true,
    uploadImage: false,
    maxHeight: "60vh",
    // The words as readers get them (and the checks count them), from the
    // preview: not the Markdown's own, which counts its marks as words.
    status: [
      "lines",
      {
        className: "words",
        defaultValue: function (item) {
          item.textContent = "";
        },
      },
    ],
    shortcuts: { togglePreview: null, toggleSideBySide: null, toggleFullScreen: null },
    toolbar: [
      button("bold", EasyMDE.toggleBold, "B", "Bold"),
      button("italic", EasyMDE.toggleItalic, "I", "Italic"),
      button("heading", EasyMDE.toggleHeadingSmaller, "H", "Heading"),
      "|",
      button("quote", EasyMDE.toggleBlockquote, "“”", "Quote"),
      button("unordered-list", EasyMDE.toggleUnorderedList, "•", "Bulleted list"),
      button("ordered-list", EasyMDE.toggleOrderedList, "1.", "Numbered list"),
      "|",
      button("link", EasyMDE.drawLink, "Link", "Link"),
      button("code", EasyMDE.toggleCodeBlock, "{ }", "Code block"),
      button("table", EasyMDE.drawTable, "Table", "Table"),
      button("horizontal-rule", EasyMDE.drawHorizontalRule, "—", "Horizontal rule"),
      "|",
      button("undo", EasyMDE.undo, "↶", "Undo"),
      button("redo", EasyMDE.redo, "↷", "Redo"),
      "|",
      button("save", saveInPlace, "Save", "Save and keep editing (Ctrl/Cmd-S)"),
      button("help", openHelp, "?", "Keyboard shortcuts (Ctrl/Cmd-/)"),
    ],
  });
  var cm = editor.codemirror;
  cm.getInputField().setAttribute("aria-label", "Body, in Markdown");

  // For the media library: insert text (such as an image's Markdown) where
  // the cursor is.
  window.articleEditor = {
    insert: function (text) {
      cm.replaceSelection(text);
      cm.focus();
    },
  };

  function uploadImages(event, files) {
    var images = Array.prototype.filter.call(files || [], function (file) {
      return /^image\//.test(file.type);
    });
    if (!window.mediaLibrary || images.length === 0) {
      return;
    }
    event.preventDefault();
    images.forEach(function (file) {
      window.mediaLibrary.upload(file).then(
        function (markdown) {
          if (markdown) {
            window.articleEditor.insert(markdown);
          }
        },
        function () {
          // Cancelled, or refused: the library's dialog has told the editor.
        }
      );
    });
  }
  cm.on("paste", function (_, event) {
    uploadImages(event, event.clipboardData && event.clipboardData.files);
  });
  cm.on("drop", function (_, event) {
    uploadImages(event, event.dataTransfer && event.dataTransfer.files);
  });

  function values() {
    var text = {};
    TEXT_FIELDS.forEach(function (name) {
      text[name] = name === "body" ? editor.value() : field(name).value;
    });
    return text;
  }

  function same(a, b) {
    return TEXT_FIELDS.every(function (name) {
      return !(name in a) || !(name in b) || a[name] === b[name];
    });
  }

  function apply(text) {
    TEXT_FIELDS.forEach(function (name) {
      if (name === "body") {
        editor.value(text.body);
      } else if (name in text) {
        field(name).value = text[name];
      }
    });
    changed();
  }

  /* Kept in this browser at every change */

  function stored(key) {
    try {
      return JSON.parse(window.localStorage.getItem(key));
    } catch (error) {
      return null;
    }
  }

  function keepLocally() {
    try {
      window.localStorage.setItem(
        storageKey,
        JSON.stringify({ text: values(), at: Date.now() })
      );
    } catch (error) {
      say("This browser cannot keep your text; save often.");
    }
  }

  function forgetLocally() {
    window.localStorage.removeItem(storageKey);
  }

  var addKey = storageKey.replace(/\/\d+\/change\/$/, "/add/");
  var added = addKey !== storageKey && stored(addKey);
  if (added && added.text && same(added.text, values())) {
    window.localStorage.removeItem(addKey); // that new one is saved now
  }

  var localOffer = document.getElementById("editor-local-draft");
  var kept = stored(storageKey);
  if (kept && kept.text && !same(kept.text, values())) {
    localOffer.querySelector(".editor-local-when").textContent =
      "at " + clock(new Date(kept.at));
    localOffer.hidden = false;
  } else {
    forgetLocally();
  }
  document.getElementById("editor-restore-local").addEventListener("click", function () {
    apply(kept.text);
    localOffer.hidden = true;
    say("Your text is back. Save to keep it.");
  });
  document.getElementById("editor-discard-local").addEventListener("click", function () {
    forgetLocally();
    localOffer.hidden = true;
  });

  /* Kept on the server every half minute */

  var unsentToServer = false;
  if (urls.draftUrl) {
    window.setInterval(function () {
      if (!unsentToServer) {
        return;
      }
      unsentToServer = false;
      var payload = values();
      payload.version = field("version").value;
      post(urls.draftUrl, payload)
        .then(function (response) {
          if (!response.ok) {
            throw new Error(response.status);
          }
          say("Draft kept on the server at " + clock(new Date()) + ".");
        })
        .catch(function () {
          unsentToServer = true;
        });
    }, 30000);
  }

  var serverOffer = document.getElementById("editor-server-draft");
  if (serverOffer) {
    var draft = {};
    ["title", "summary", "body"].forEach(function (name) {
      draft[name] = JSON.parse(document.getElementById("editor-draft-" + name).textContent);
    });
    document.getElementById("editor-restore-server").addEventListener("click", function () {
      apply(draft);
      serverOffer.hidden = true;
      say("The draft is back. Save to keep it.");
    });
    document.getElementById("editor-discard-server").addEventListener("click", function () {
      post(urls.discardDraftUrl, {});
      serverOffer.hidden = true;
    });
  }

  /* The live preview, beside the editor */

  var preview = document.getElementById("editor-preview");
  var frame = preview.querySelector("iframe");
  var checkList = preview.querySelector(".editor-check-list");
  if (urls.previewUrl) {
    var container = editor.element.parentNode.querySelector(".EasyMDEContainer");
    var split = document.createElement("div");
    split.className = "editor-split";
    container.parentNode.insertBefore(split, container);
    split.appendChild(container);
    split.appendChild(preview);
    preview.hidden = false;
  }

  function scrollRatio() {
    var info = cm.getScrollInfo();
    var room = info.height - info.clientHeight;
    return room > 0 ? info.top / room : 0;
  }

  function followEditor() {
    var page = frame.contentDocument && frame.contentDocument.scrollingElement;
    if (page) {
      page.scrollTop = scrollRatio() * (page.scrollHeight - page.clientHeight);
    }
  }
  cm.on("scroll", followEditor);
  frame.addEventListener("load", followEditor);

  function showChecks(checks) {
    checkList.replaceChildren();
    checks.forEach(function (check) {
      var item = document.createElement("li");
      item.className = check.ok ? "check-ok" : check.blocks ? "check-blocks" : "check-warn";
      item.textContent = (check.ok ? "✓ " : "✗ ") + check.message;
      if (check.blocks) {
        var mark = document.createElement("strong");
        mark.textContent = " Blocks publishing.";
        item.appendChild(mark);
      }
      checkList.appendChild(item);
    });
  }

  function showWords(count) {
    var item = editor.gui.statusbar && editor.gui.statusbar.querySelector(".words");
    if (item) {
      item.textContent = String(count); // after "words: ", as EasyMDE labels it
    }
  }

  var previewTimer = null;
  var previewed = null;
  function refreshPreview() {
    if (!urls.previewUrl) {
      return;
    }
    var payload = values();
    PREVIEW_FIELDS.forEach(function (name) {
      payload[name] = field(name) ? field(name).value : "";
    });
    var key = JSON.stringify(payload);
    if (key === previewed) {
      return;
    }
    previewed = key;
    post(urls.previewUrl, payload)
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (result) {
        frame.srcdoc = result.html;
        showChecks(result.checks);
        showWords(result.word_count);
      })
      .catch(function () {
        previewed = null;
        say("The preview could not be updated; it tries again as you type.");
      });
  }

  function changed() {
    keepLocally();
    unsentToServer = true;
    window.clearTimeout(previewTimer);
    previewTimer = window.setTimeout(refreshPreview, 400);
  }
  cm.on("change", changed);
  TEXT_FIELDS.concat(PREVIEW_FIELDS).forEach(function (name) {
    if (name !== "body" && field(name)) {
      field(name).addEventListener("input", changed);
      field(name).addEventListener("change", changed);
    }
  });
  refreshPreview();

  /* Who else has it open */

  var presence = document.getElementById("editor-presence");
  var takeOver = document.getElementById("editor-take-over");
  function callIn() {
    post(urls.presenceUrl, {})
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (answer) {
        if (!answer) {
          return;
        }
        var text = presence.querySelector(".editor-presence-text");
        if (answer.taken_over_by) {
          text.textContent =
            answer.taken_over_by +
            " has taken over this " +
            urls.kind +
            ". Your text is kept in this browser: " +
            "reload to see their changes before you save.";
        } else {
          text.textContent = answer.others.join(". ") + (answer.others.length ? "." : "");
        }
        presence.hidden = !answer.taken_over_by && answer.others.length === 0;
      })
      .catch(function () {});
  }
  if (urls.presenceUrl) {
    callIn();
    window.setInterval(callIn, 20000);
    takeOver.addEventListener("click", function () {
      post(urls.takeOverUrl, {}).then(callIn);
    });
    window.addEventListener("pagehide", function () {
      var data = new FormData();
      data.append("csrfmiddlewaretoken", csrf);
      navigator.sendBeacon(urls.leaveUrl, data);
    });
  }

  /* Names for the admin's own widgets that screen readers would miss */

  function labelAdminWidgets() {
    form.querySelectorAll(".datetime input[id]").forEach(function (input) {
      var label = form.querySelector("label[for='" + input.id.replace(/_\d$/, "_0") + "']");
      var part = /_0$/.test(input.id) ? "date" : "time";
      var name = label ? label.textContent.replace(/:$/, "") : "";
      if (!input.hasAttribute("aria-label")) {
        input.setAttribute("aria-label", (name + " " + part).trim());
      }
    });
    form.querySelectorAll(".select2-search__field:not([aria-label])").forEach(function (input) {
      var select = input.closest(".select2-container").previousElementSibling;
      var label = select && form.querySelector("label[for='" + select.id + "']");
      input.setAttribute("aria-label", label ? label.textContent.replace(/:$/, "") : "Search");
    });
    form.querySelectorAll(".select2-selection--single").forEach(function (box) {
      var select = box.closest(".select2-container").previousElementSibling;
      var label = select && form.querySelector("label[for='" + select.id + "']");
      var shown = box.querySelector(".select2-selection__rendered");
      if (!label || !shown || box.dataset.named) {
        return;
      }
      label.id = label.id || select.id + "-label";
      box.setAttribute("aria-labelledby", label.id + " " + shown.id);
      shown.setAttribute("aria-labelledby", label.id);
      box.dataset.named = "yes";
    });
    form.querySelectorAll("th.original:empty").forEach(function (cell) {
      var name = document.createElement("span");
      name.className = "editor-visually-hidden";
      name.textContent = "Saved row";
      cell.appendChild(name);
    });
  }
  labelAdminWidgets();
  new MutationObserver(labelAdminWidgets).observe(form, { childList: true, subtree: true });

  /* Save without leaving the page */

  // What the page says, each thing once: its text in a <span>, links kept.
  function unique(items) {
    var seen = [];
    return Array.prototype.filter.call(items, function (item) {
      var fresh = seen.indexOf(item.textContent) === -1;
      seen.push(item.textContent);
      return fresh;
    }).map(function (item) {
      var text = document.createElement("span");
      text.append.apply(text, Array.prototype.slice.call(item.childNodes));
      return text;
    });
  }

  var saving = false;
  function saveInPlace() {
    if (saving) {
      return;
    }
    saving = true;
    say("Saving…");
    cm.save();
    var data = new FormData(form);
    data.append("_continue", "1");
    fetch(form.action, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) {
        return response.text().then(function (html) {
          return { response: response, page: new DOMParser().parseFromString(html, "text/html") };
        });
      })
      .then(function (answer) {
        ["version", "status"].forEach(function (name) {
          var stored = answer.page.getElementById("id_" + name);
          if (stored && field(name)) {
            field(name).value = stored.value;
          }
        });
        var errors = unique(answer.page.querySelectorAll(".errorlist li"));
        if (!answer.response.redirected || errors.length) {
          say("Not saved. ");
          if (errors.length === 0) {
            status.append("Please try the Save button below.");
          }
          errors.forEach(function (error) {
            status.append(error, " ");
          });
          return;
        }
        forgetLocally();
        unsentToServer = false;
        if (new URL(answer.response.url).pathname !== window.location.pathname) {
          window.location.assign(answer.response.url); // a new one has its page now
          return;
        }
        say("Saved at " + clock(new Date()) + ".");
        unique(answer.page.querySelectorAll(".messagelist .warning")).forEach(
          function (warning) {
            status.append(" ", warning.textContent);
          }
        );
      })
      .catch(function () {
        say("Not saved: the site did not answer. Your text is kept in this browser.");
      })
      .finally(function () {
        saving = false;
      });
  }

  document.addEventListener(
    "keydown",
    function (event) {
      var modifier = event.ctrlKey || event.metaKey;
      if (modifier && !event.altKey && event.key.toLowerCase() === "s") {
        event.preventDefault();
        saveInPlace();
      } else if (modifier && event.key === "/") {
        event.preventDefault();
        openHelp();
      }
    },
    true
  );
});
