/* The comment queue worked through with the keyboard: a row's button acts on
   that comment and brings the page back at the next row, with focus on its
   first button; Tab goes on to the rest. */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";

  var anchors = Array.prototype.slice.call(
    document.querySelectorAll("#result_list .comment-excerpt")
  );
  anchors.forEach(function (anchor, index) {
    var form = document.getElementById(anchor.id.replace("comment-", "moderate-"));
    var next = anchors[index + 1] || anchors[index - 1];
    if (form && next) {
      // Not form.action: the buttons named "action" stand for it.
      form.setAttribute("action", "#" + next.id);
    }
  });
});

// Once the page has scrolled to the row it came back at.
window.addEventListener("load", function () {
  "use strict";

  var target = window.location.hash && document.getElementById(window.location.hash.slice(1));
  var row = target && target.closest && target.closest("tr");
  var first = row && row.querySelector(".comment-actions .button");
  if (first) {
    first.focus();
  }
});
