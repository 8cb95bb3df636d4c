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
