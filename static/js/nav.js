// nav.js: on a narrow screen (a phone at 150–200 % zoom) the main menu is
// one line that scrolls sideways, and loads scrolled to its start, where
// the entry of the reader's section may not be: this brings that entry
// into view. It changes nothing where the menu fits.
(function () {
  "use strict";
  var current = document.querySelector(".site-nav a[aria-current]");
  var menu = current && current.closest("ul");
  if (!menu || menu.scrollWidth <= menu.clientWidth) {
    return;
  }
  var item = current.parentNode.getBoundingClientRect();
  var box = menu.getBoundingClientRect();
  menu.scrollLeft += item.left - box.left - (menu.clientWidth - item.width) / 2;
})();
