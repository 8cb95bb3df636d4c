/* The media library in the admin: upload an image (asking for its alt text
   first) or choose one from the library, and get its Markdown.

   window.mediaLibrary = {
     upload(file) -> Promise<string>  e.g. "![A red door](image:42)"
     choose()     -> Promise<string>
   }
   Both reject with an AbortError when the editor cancels. On an article's
   form it also adds an "Insert image" button by the body, and uploads an
   image dropped or pasted onto the plain body textarea; the Markdown goes to
   window.articleEditor.insert(text) when a richer editor defines it. */
(() => {
  "use strict";

  const script = document.currentScript;
  const uploadUrl = script.dataset.uploadUrl;
  const chooseUrl = script.dataset.chooseUrl;
  let dialogCount = 0;

  function element(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (name === "text") node.textContent = value;
      else node.setAttribute(name, value);
    }
    node.append(...children);
    return node;
  }

  function cancelled() {
    return new DOMException("The editor cancelled.", "AbortError");
  }

  function csrfToken() {
    const input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  /* A modal <dialog> titled `title`; it is removed from the page when closed,
     and focus goes back where it was. */
  function openDialog(title, onCancel) {
    const id = `media-dialog-${++dialogCount}`;
    const returnTo = document.activeElement;
    const dialog = element("dialog", { class: "media-dialog", "aria-labelledby": id });
    const close = element("button", { type: "button", class: "media-close", text: "Close" });
    dialog.append(element("div", { class: "media-dialog-head" }, element("h2", { id, text: title }), close));
    close.addEventListener("click", () => dialog.close("cancel"));
    dialog.addEventListener("close", () => {
      if (dialog.returnValue !== "done") onCancel();
      dialog.remove();
      if (returnTo && returnTo.focus) returnTo.focus();
    });
    document.body.append(dialog);
    return dialog;
  }

  function upload(file) {
    return new Promise((resolve, reject) => {
      const dialog = openDialog("Describe the image", () => reject(cancelled()));
      const form = element("form", { method: "dialog", class: "media-upload" });
      const preview = element("img", { class: "media-preview", alt: "" });
      const reader = new FileReader();
      reader.addEventListener("load", () => { preview.src = reader.result; });
      reader.readAsDataURL(file);
      const alt = element("textarea", { id: `${dialog.getAttribute("aria-labelledby")}-alt`, rows: "3", maxlength: "300", "aria-describedby": `${dialog.getAttribute("aria-labelledby")}-help` });
      const decorative = element("input", { type: "checkbox", id: `${alt.id}-decorative` });
      const errors = element("div", { class: "media-errors", role: "alert" });
      const send = element("button", { type: "submit", class: "default", text: "Upload" });
      form.append(
        element("p", { class: "media-file-name", text: file.name }),
        preview,
        element("label", { for: alt.id, text: "Alt text" }),
        alt,
        element("p", { id: `${alt.id.replace(/-alt$/, "")}-help`, class: "help", text: "What the image shows, for readers who cannot see it." }),
        element("div", { class: "media-decorative" }, decorative, element("label", { for: decorative.id, text: "Decorative: it adds nothing a reader would miss" })),
        errors,
        element("div", { class: "media-actions" }, send),
      );
      decorative.addEventListener("change", () => { alt.disabled = decorative.checked; });
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        errors.replaceChildren();
        if (!decorative.checked && !alt.value.trim()) {
          errors.textContent = "Describe the image, or mark it decorative.";
          alt.focus();
          return;
        }
        const data = new FormData();
        data.append("upload", file);
        data.append("alt_text", decorative.checked ? "" : alt.value.trim());
        if (decorative.checked) data.append("decorative", "on");
        send.disabled = true;
        send.textContent = "Uploading…";
        try {
          const response = await fetch(uploadUrl, {
            method: "POST",
            body: data,
            credentials: "same-origin",
            headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
          });
          const answer = await response.json().catch(() => ({}));
          if (!response.ok) throw new Error((answer.errors || [`The upload failed (${response.status}).`]).join(" "));
          dialog.close("done");
          resolve(answer.markdown);
        } catch (error) {
          errors.textContent = error instanceof TypeError ? "The upload could not reach the site. Try again in a moment." : error.message;
          send.disabled = false;
          send.textContent = "Upload";
        }
      });
      dialog.append(form);
      dialog.showModal();
      alt.focus();
    });
  }

  function choose() {
    return new Promise((resolve, reject) => {
      const dialog = openDialog("Insert an image from the library", () => reject(cancelled()));
      const searchId = `${dialog.getAttribute("aria-labelledby")}-q`;
      const search = element("input", { type: "search", id: searchId, autocomplete: "off" });
      const file = element("input", { type: "file", id: `${searchId}-file`, accept: "image/*" });
      const status = element("p", { class: "media-status", role: "status" });
      const grid = element("ul", { class: "media-grid" });
      dialog.append(
        element("div", { class: "media-search", role: "search" }, element("label", { for: searchId, text: "Search the library" }), search),
        element("div", { class: "media-new" }, element("label", { for: file.id, text: "Or upload a new image" }), file),
        status,
        grid,
      );
      file.addEventListener("change", () => {
        if (!file.files.length) return;
        upload(file.files[0]).then((markdown) => {
          dialog.close("done");
          resolve(markdown);
        }, () => {
          file.value = "";
          file.focus();
        });
      });
      let timer;
      let latest = 0;
      async function show() {
        const asked = ++latest;
        let response, answer;
        try {
          response = await fetch(`${chooseUrl}?${new URLSearchParams({ q: search.value })}`, { credentials: "same-origin", headers: { Accept: "application/json" } });
          answer = await response.json();
        } catch {
          status.textContent = "The library could not be reached. Try again in a moment.";
          return;
        }
        if (asked !== latest) return;
        if (!response.ok) {
          status.textContent = (answer.errors || ["The library could not be searched."]).join(" ");
          return;
        }
        grid.replaceChildren(...answer.images.map((image) => {
          const insert = element("button", { type: "button", class: "button", text: "Insert", "aria-label": `Insert: ${image.label}` });
          insert.addEventListener("click", () => {
            dialog.close("done");
            resolve(image.markdown);
          });
          return element("li", {},
            element("img", { src: image.thumbnail, alt: "", width: image.width, height: image.height, loading: "lazy" }),
            element("p", { text: image.decorative ? `${image.label} (decorative)` : image.label }),
            insert);
        }));
        status.textContent = answer.images.length ? `${answer.images.length} image(s)` : "No image matches.";
      }
      search.addEventListener("input", () => {
        clearTimeout(timer);
        timer = setTimeout(show, 250);
      });
      dialog.showModal();
      search.focus();
      show();
    });
  }

  window.mediaLibrary = { upload, choose };

  /* Where the caret was when the editor asked for an image: a dialog comes
     between, and the Markdown goes there afterwards. */
  function caret(textarea) {
    return { start: textarea.selectionStart, end: textarea.selectionEnd };
  }

  /* The Markdown at the caret: the richer editor's, or the plain textarea's,
     as a paragraph of its own. */
  function insert(textarea, at, markdown) {
    if (window.articleEditor && typeof window.articleEditor.insert === "function") {
      window.articleEditor.insert(markdown);
      return;
    }
    const before = textarea.value.slice(0, at.start);
    const after = textarea.value.slice(at.end);
    const gap = before === "" || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
    const text = `${gap}${markdown}\n\n`;
    textarea.value = before + text + after;
    textarea.focus();
    textarea.selectionStart = textarea.selectionEnd = before.length + text.length;
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function ignoreCancel(error) {
    if (error.name !== "AbortError") throw error;
  }

  function imageFile(files) {
    return Array.from(files || []).find((file) => file.type.startsWith("image/"));
  }

  const body = document.getElementById("id_body");
  if (!body) return;
  const button = element("button", { type: "button", class: "button media-insert", text: "Insert image" });
  button.addEventListener("click", () => {
    const at = caret(body);
    window.mediaLibrary.choose().then((markdown) => insert(body, at, markdown), ignoreCancel);
  });
  (body.closest(".form-row") || body.parentNode).append(element("div", { class: "media-insert-row" }, button));
  body.addEventListener("dragover", (event) => {
    if (event.dataTransfer && Array.from(event.dataTransfer.types).includes("Files")) event.preventDefault();
  });
  body.addEventListener("drop", (event) => {
    const file = imageFile(event.dataTransfer && event.dataTransfer.files);
    if (!file) return;
    event.preventDefault();
    const at = caret(body);
    upload(file).then((markdown) => insert(body, at, markdown), ignoreCancel);
  });
  body.addEventListener("paste", (event) => {
    const file = imageFile(event.clipboardData && event.clipboardData.files);
    if (!file) return;
    event.preventDefault();
    const at = caret(body);
    upload(file).then((markdown) => insert(body, at, markdown), ignoreCancel);
  });
})();
