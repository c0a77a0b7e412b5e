// states.js: a task's state (overdue, due soon, upcoming) on the reader's
// day rather than the build's. The build writes each state as of --now;
// a site read months later would say "upcoming" of a task long overdue.
// Each badge of a dated task that is not done carries its window
// (data-window="2022-10-01 2022-12-31", then " yearly" when it recurs,
// " month-end" when it then ends with a month, and " reported:2023,2025",
// the years its reports speak of: Task.Window), and
// <body> the build's day and the "due soon" span (data-today, data-soon):
// this script computes the state as internal/model (Task.StateOn) does,
// for today, and updates the badges, the rows, the groups of the deadlines
// page and the "as of" lines. Without it the build's states stay.
//
// It also keeps the menu's current entry in view (menuEntryInView), and on
// a phone moves the floating links back to the contents aside while the
// reader scrolls down (linksAsideWhileReading), which every page needs too:
// as a script of its own, one more request made the search page's first
// results 279 ms later on a slow mobile link (BENCHMARKS.md).
(function () {
  "use strict";

  // On a narrow screen (a phone at 150–200 % zoom) the main menu is one
  // line that scrolls sideways, and loads scrolled to its start, where the
  // entry of the reader's section may not be: this brings it into view. It
  // changes nothing where the menu fits.
  (function menuEntryInView() {
    var current = document.querySelector(".site-nav a[aria-current]");
    var menu = current && current.closest("ul");
    if (!menu || menu.scrollWidth <= menu.clientWidth) {
      return;
    }
    var item = current.parentNode.getBoundingClientRect();
    var box = menu.getBoundingClientRect();
    menu.scrollLeft += item.left - box.left - (menu.clientWidth - item.width) / 2;
  })();

  // On a narrow screen the floating links back to the contents ("↑ Mục
  // lục của phần", and the single file's "↑ Mục lục chung") cover a line
  // or two of the text being read: while the reader scrolls down they step
  // aside (the class "reading" on <html>, site.css), and they come back as
  // soon as the reader scrolls up, as a phone's own address bar does. A
  // jump of more than a screen (a link to a bullet, a search result) is no
  // reading: the links show, to go back.
  (function linksAsideWhileReading() {
    var root = document.documentElement;
    var narrow = window.matchMedia("(max-width: 30rem)");
    var last = window.scrollY;
    window.addEventListener("scroll", function () {
      var y = window.scrollY;
      var step = y - last;
      if (Math.abs(step) < 8) {
        return; // a jitter of the finger
      }
      root.classList.toggle("reading", narrow.matches && step > 0 && step < window.innerHeight);
      last = y;
    }, { passive: true });
  })();

  var NAMES = { overdue: "Quá hạn", "due-soon": "Sắp đến hạn", upcoming: "Chưa đến hạn" };
  var DAY = 86400000;
  var body = document.body;
  var built = body.getAttribute("data-today");
  var soon = parseInt(body.getAttribute("data-soon"), 10) || 0;
  var local = new Date();
  var today = Date.UTC(local.getFullYear(), local.getMonth(), local.getDate());
  if (!built || iso(today) === built) {
    return;
  }

  function iso(t) {
    return new Date(t).toISOString().slice(0, 10);
  }

  function shown(t) { // dd/mm/yyyy, as the pages write dates
    var s = iso(t);
    return s.slice(8, 10) + "/" + s.slice(5, 7) + "/" + s.slice(0, 4);
  }

  function day(s) {
    var p = s.split("-");
    return Date.UTC(+p[0], +p[1] - 1, +p[2]);
  }

  // occurrenceEnd is the last day of a window's occurrence the given years
  // after its first (Deadline.occurrence): the same day in a later year, or
  // the month's last day when the window ends with a month.
  function occurrenceEnd(parts, years) {
    var d = new Date(day(parts[1]));
    if (parts[3] === "month-end") {
      return Date.UTC(d.getUTCFullYear() + years, d.getUTCMonth() + 1, 0);
    }
    return Date.UTC(d.getUTCFullYear() + years, d.getUTCMonth(), d.getUTCDate());
  }

  // nextEnd is the end of the window's occurrence that ends on or after
  // today (Deadline.Next): the window's own end, or for a yearly window the
  // end of a later occurrence.
  function nextEnd(window) {
    var parts = window.split(" ");
    var end = day(parts[1]);
    if (parts[2] === "yearly") {
      for (var years = 1; end < today && years < 1000; years++) {
        end = occurrenceEnd(parts, years);
      }
    }
    return end;
  }

  // pastOccurrences is Task.pastOccurrences: the first year of each
  // occurrence of a yearly window that ended before today, and whether the
  // task's reports speak of it (" reported:2023,2025"); none for a window
  // that is not yearly.
  function pastOccurrences(window) {
    var parts = window.split(" ");
    var reported = parts[parts.length - 1];
    if (parts[2] !== "yearly" || reported.indexOf("reported:") !== 0) {
      return [];
    }
    reported = reported.slice(9).split(",");
    var first = new Date(day(parts[0])).getUTCFullYear();
    var out = [];
    for (var years = 0; years < 1000 && occurrenceEnd(parts, years) < today; years++) {
      var year = String(first + years);
      out.push({ year: year, reported: reported.indexOf(year) >= 0 });
    }
    return out;
  }

  // lastUnreported is Task.lastUnreported: whether the last past
  // occurrence of a yearly window has no report.
  function lastUnreported(window) {
    var past = pastOccurrences(window);
    return past.length > 0 && !past[past.length - 1].reported;
  }

  // stateOf is Task.StateOn for a task of that window, not done.
  function stateOf(window) {
    var end = nextEnd(window);
    if (end < today || lastUnreported(window)) {
      return "overdue";
    }
    return end <= today + soon * DAY ? "due-soon" : "upcoming";
  }

  function setState(el, state) {
    el.className = el.className.replace(/\bstate-[a-z-]+/, "state-" + state);
  }

  // The day a task is due by (its window's end, this year's for a yearly
  // task), where the page shows it.
  document.querySelectorAll("time.next-end[data-window]").forEach(function (t) {
    if (!t.getAttribute("data-window")) {
      return;
    }
    var end = nextEnd(t.getAttribute("data-window"));
    t.setAttribute("datetime", iso(end));
    t.textContent = shown(end);
  });

  // The years of a yearly task that no report speaks of
  // (Task.UnreportedYears), where the page lists them.
  document.querySelectorAll(".unreported[data-window]").forEach(function (el) {
    var years = pastOccurrences(el.getAttribute("data-window")).filter(function (o) {
      return !o.reported;
    }).map(function (o) { return o.year; });
    el.hidden = years.length === 0;
    el.querySelector(".years").textContent = (years.length === 1 ? "năm " : "các năm ") + years.join(", ");
    var asOf = el.querySelector(".day");
    if (asOf) {
      asOf.textContent = shown(today);
    }
  });

  var changed = 0;
  document.querySelectorAll(".badge[data-window]").forEach(function (badge) {
    var state = stateOf(badge.getAttribute("data-window"));
    if (badge.classList.contains("state-" + state)) {
      return;
    }
    changed++;
    setState(badge, state);
    badge.textContent = NAMES[state];
    var row = badge.closest("li.task");
    if (row) {
      setState(row, state);
      if (body.classList.contains("kind-deadlines")) {
        regroup(row, state);
      }
    }
  });

  // The deadlines page groups tasks by state, each group by the end of its
  // next window and then in the plan's order (sortByNextEnd): rows that
  // changed state move, and the groups of dated tasks are sorted again.
  if (body.classList.contains("kind-deadlines")) {
    Object.keys(NAMES).forEach(function (state) {
      var list = document.querySelector("section.task-group.group-" + state + " ol.tasks");
      if (list) {
        sortRows(list);
      }
    });
    document.querySelectorAll("section.task-group").forEach(recount);
    alsoDueSoon();
  }

  // alsoDueSoon names again, under "Sắp đến hạn", the yearly tasks overdue
  // for want of a report on an earlier year whose window of this year ends
  // within the due-soon span (groupList.YearlyDueSoon), for today.
  function alsoDueSoon() {
    var p = document.querySelector(".also-due-soon");
    if (!p) {
      return;
    }
    var ids = p.querySelector(".ids");
    while (ids.firstChild) {
      ids.removeChild(ids.firstChild);
    }
    document.querySelectorAll("section.task-group.group-overdue li.task").forEach(function (row) {
      var badge = row.querySelector(".badge[data-window]");
      var w = badge && badge.getAttribute("data-window");
      if (!w || w.split(" ")[2] !== "yearly") {
        return;
      }
      var end = nextEnd(w);
      if (end < today || end > today + soon * DAY) {
        return;
      }
      if (ids.firstChild) {
        ids.appendChild(document.createTextNode(", "));
      }
      ids.appendChild(row.querySelector("a.task-id").cloneNode(true));
    });
    p.hidden = !ids.firstChild;
  }

  function regroup(row, state) {
    var group = document.querySelector("section.task-group.group-" + state);
    if (!group) {
      return;
    }
    var list = group.querySelector("ol.tasks");
    if (!list) {
      list = document.createElement("ol");
      list.className = "tasks";
      var empty = group.querySelector(".empty");
      if (empty) {
        empty.replaceWith(list);
      } else {
        group.appendChild(list);
      }
    }
    list.appendChild(row);
  }

  function sortRows(list) {
    var rows = Array.prototype.slice.call(list.children).map(function (row) {
      var badge = row.querySelector(".badge[data-window]");
      return { row: row, end: badge ? nextEnd(badge.getAttribute("data-window")) : 0, order: +row.getAttribute("data-order") };
    });
    rows.sort(function (a, b) { return a.end - b.end || a.order - b.order; });
    rows.forEach(function (r) { list.appendChild(r.row); });
  }

  function recount(group) {
    var list = group.querySelector("ol.tasks");
    var n = list ? list.children.length : 0;
    if (list && n === 0) {
      var empty = document.createElement("p");
      empty.className = "empty";
      empty.textContent = "Không có nhiệm vụ nào.";
      list.replaceWith(empty);
    }
    var count = group.querySelector(".count");
    if (count) {
      count.textContent = "(" + n + ")";
    }
    var heading = group.getAttribute("aria-labelledby");
    var link = heading && document.querySelector('nav.toc a[href="#' + heading + '"]');
    if (link) {
      link.textContent = link.textContent.replace(/\(\d+\)$/, "(" + n + ")");
    }
  }

  var note;
  if (document.querySelector(".badge[data-window]")) {
    note = " Tình trạng các nhiệm vụ có thời hạn được tính lại theo ngày hôm nay, " + shown(today) + ".";
  } else if (body.classList.contains("kind-dashboard")) {
    note = " Hôm nay là " + shown(today) + ": các số liệu của trang này chưa được tính lại; " +
      "xem trang Thời hạn để biết tình trạng tính đến hôm nay.";
  }
  if (note) {
    document.querySelectorAll(".as-of").forEach(function (p) {
      p.appendChild(document.createTextNode(note));
    });
  }
})();
