// The search page: results as you type, with highlighted snippets, counts
// per kind and agency to filter by, and keyboard navigation. Answers come
// from the site's search API (GET api/search, served by `kehoach serve`)
// while it answers, and otherwise from the static index with vnsearch.js:
// on a plain web server, from a folder opened as files, and in the single
// file of `kehoach build --single-file`. No dependencies; loaded with a
// plain <script defer>.
(function () {
  "use strict";

  var form = document.getElementById("search-form");
  if (!form) {
    return;
  }
  var input = document.getElementById("search-q");
  var kind = document.getElementById("search-kind");
  var agency = document.getElementById("search-agency");
  var status = document.getElementById("search-status");
  var facets = document.getElementById("search-facets");
  var list = document.getElementById("search-results");
  var api = form.getAttribute("data-api");
  var root = form.getAttribute("data-root") || "";
  var single = form.hasAttribute("data-single");
  // The static index is used from the start where no server can answer:
  // in a folder, and on a plain web server, where api/search.js, which
  // kehoach serve answers itself, is the built file that says so. It is
  // used from the first failed API request on too.
  var useStatic = single || !api || location.protocol === "file:" || window.KehoachAPI === false;
  var index = null;

  var kindNames = {
    plan: "Kế hoạch",
    guidance: "Hướng dẫn",
    task: "Nhiệm vụ",
    agency: "Cơ quan",
    update: "Tin cập nhật",
    page: "Trang"
  };

  function agencyName(slug) {
    for (var i = 0; i < agency.options.length; i++) {
      if (agency.options[i].value === slug) {
        return agency.options[i].text;
      }
    }
    return slug;
  }

  var timer = null;
  var latest = 0;

  // Back from a result: a folder's page (file://) is loaded anew, and its
  // results come after the browser has given up restoring the scroll, so
  // the reader landed at the top of twenty results. On leaving, the page
  // keeps in history.state where it was and how many results it showed,
  // and on coming back restores both once the results are there, without
  // taking the focus (a phone would open its keyboard).
  // The single file is one document, whose places the browser keeps itself:
  // it is left alone.
  var kept = !single && history.state && typeof history.state.scroll === "number" ? history.state : null;
  var restoreTo = kept ? kept.scroll : null;
  if (!single && "scrollRestoration" in history) {
    history.scrollRestoration = "manual";
  }
  window.addEventListener("pagehide", function () {
    if (single || !input.value) {
      return; // no results to come back to
    }
    try {
      history.replaceState({ scroll: window.scrollY, limit: limit }, "", "?" + params().toString());
    } catch (e) {
      // the place is a convenience
    }
  });

  // A query shows PAGE results; "Xem thêm" shows PAGE more, up to MAX,
  // the most the API gives.
  var PAGE = 20;
  var MAX = 100;
  var limit = PAGE;
  var shownBefore = 0; // results shown before "Xem thêm": the first new one gets the focus
  var more = document.createElement("button");
  more.type = "button";
  more.className = "search-more";
  more.hidden = true;
  list.parentNode.insertBefore(more, list.nextSibling);
  more.addEventListener("click", function () {
    shownBefore = list.children.length;
    limit = Math.min(limit + PAGE, MAX);
    run(true);
  });

  // number writes n the Vietnamese way: "1.234", "76,2".
  function number(n, digits) {
    return n.toLocaleString("vi-VN", { minimumFractionDigits: digits || 0, maximumFractionDigits: digits || 0 });
  }

  function schedule() {
    clearTimeout(timer);
    restoreTo = null; // the reader types: the place kept is no longer theirs
    shownBefore = 0; // a new query: "Xem thêm" no longer has a say on the focus
    if (useStatic) {
      run(); // a local search takes a few milliseconds and no request
    } else {
      timer = setTimeout(run, 120);
    }
  }

  function staticIndex() {
    if (!index) {
      index = window.KehoachSearch.open(single ? "" : root + "search/data/");
      if (single) { // only what the file holds
        index.only(function (url) {
          return document.getElementById(href(url).slice(1)) !== null;
        });
      }
    }
    return index;
  }

  function params() {
    var p = new URLSearchParams();
    p.set("q", input.value);
    if (kind.value) {
      p.set("kind", kind.value);
    }
    if (agency.value) {
      p.set("agency", agency.value);
    }
    return p;
  }

  // remember keeps the query in the address, for the back button and to
  // share it, a moment after typing stops: Safari refuses more than 100
  // address changes in 30 seconds. A query sent (Enter, "Tìm") or a filter
  // chosen is a step of its own in the history: the next query typed is a
  // new entry, so that Back returns to it (fresh), while the letters typed
  // replace one another in theirs. The single file's history is the
  // reader's moves between its sections: its queries only replace.
  var addressTimer = null;
  var pending = null; // writes the address typed, not yet written
  var fresh = false;
  function remember(p, sent) {
    var query = p.toString(); // as it is now: run adds the limit after
    clearTimeout(addressTimer);
    pending = function () {
      pending = null;
      if (query === addressQuery()) {
        return;
      }
      try {
        if (fresh) {
          history.pushState(null, "", "?" + query);
        } else {
          history.replaceState(null, "", "?" + query);
        }
        fresh = false;
      } catch (e) {
        // the address is a convenience; the results are shown anyway
      }
    };
    if (sent !== true) {
      addressTimer = setTimeout(pending, 300);
      return;
    }
    pending();
    fresh = !single;
  }

  // addressQuery is the query the address holds, written as params() writes it.
  function addressQuery() {
    return new URLSearchParams(location.search).toString();
  }

  // send makes what the form holds a step of the history: the query typed
  // is written at once, and what is sent is an entry after it when it
  // differs (a filter chosen after typing), not in its place.
  function send() {
    clearTimeout(addressTimer);
    if (pending) {
      pending();
    }
    fresh = !single && (new URLSearchParams(location.search).get("q") || "") !== "";
    run(false, true);
  }

  // run searches for what the form holds; with keep true, for more of the
  // same results; with sent true, as a step of the history (remember).
  function run(keep, sent) {
    if (keep !== true) {
      limit = PAGE;
      shownBefore = 0;
    }
    var p = params();
    remember(p, sent);
    var id = ++latest; // answers to earlier queries are now ignored
    if (input.value.trim() === "") {
      show(null);
      return;
    }
    p.set("limit", String(limit));
    var req = {
      query: input.value, kind: kind.value, agency: agency.value, limit: limit,
      current: function () { return id === latest; }
    };
    (useStatic ? searchStatic(req) : searchAPI(p, req)).then(function (res) {
      if (id === latest) { // else a newer query has been sent
        show(res);
      }
    }, function (err) {
      if (id === latest) {
        fail(err.status);
      }
    });
  }

  function failure(status) {
    var e = new Error("search failed");
    e.status = status;
    return e;
  }

  // searchAPI asks the server; when there is no search API (a plain web
  // server) or it cannot answer, the static index answers from then on.
  function searchAPI(p, req) {
    return fetch(api + "?" + p.toString(), { headers: { Accept: "application/json" } })
      .then(function (r) {
        var json = (r.headers.get("Content-Type") || "").indexOf("application/json") === 0;
        if (r.status === 400 && json) {
          throw failure(400);
        }
        if (!r.ok || !json) {
          throw failure(r.status);
        }
        return r.json();
      })
      .catch(function (err) {
        if (err.status === 400) {
          throw err;
        }
        useStatic = true;
        return searchStatic(req);
      });
  }

  function searchStatic(req) {
    if (!window.KehoachSearch) {
      return Promise.reject(failure(-1));
    }
    return staticIndex().search(req).catch(function (err) {
      throw failure(err.status === 400 ? 400 : -1);
    });
  }

  // href is where a result leads: a page of the site, or in the single
  // file the section that holds the page ("plan/x.html--iv-1").
  function href(url) {
    if (!single) {
      return root + url;
    }
    var hash = url.indexOf("#");
    return "#" + (hash < 0 ? url : url.slice(0, hash) + "--" + url.slice(hash + 1));
  }

  // itemNumber is the plan's number of the bullet an address leads to:
  // "plan/x.html#v-1-7" → "V.1.7" (model.AnchorLabel).
  function itemNumber(url) {
    var segs = url.slice(url.indexOf("#") + 1).split("-");
    return segs[0].toUpperCase() + "." + segs.slice(1).join(".");
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
  }

  // showState shows, above the results of a query that names a task's
  // state ("quá hạn", "nhiệm vụ đã quá hạn", "trễ hạn"), a link to the
  // tasks in that state: the search finds texts, and few texts say
  // "quá hạn".
  var states = document.getElementById("search-states");
  var ASKING = ["nhiem", "vu", "cac", "nhung", "viec", "da", "bi"];
  var SAME = { "tre han": "qua han", "het han": "qua han", "sap het han": "sap den han" };
  function stateWords(s) {
    return KehoachSearch.fold(s).split(/[^a-z0-9]+/).filter(function (w) {
      return w !== "" && ASKING.indexOf(w) < 0;
    }).join(" ");
  }
  function showState(query) {
    if (!states) {
      return;
    }
    var words = stateWords(query);
    words = SAME[words] || words;
    var of = agencyState(words);
    var any = false;
    Array.prototype.forEach.call(states.children, function (li) {
      if (li === ofAgency) {
        return;
      }
      li.hidden = words === "" || stateWords(li.firstElementChild.getAttribute("data-state")) !== words;
      any = any || !li.hidden;
    });
    if (of) {
      showAgencyState(of);
      any = true;
    } else if (ofAgency) {
      ofAgency.hidden = true;
    }
    states.hidden = !any;
  }

  // agencyState reads a state and an agency in a query's words ("quá hạn
  // ban tổ chức", "ban tổ chức tỉnh ủy trễ hạn"): the agency's option of
  // the filter, or null. Its tasks, each with its state, are on its page.
  // The states' names are the list's own: the single file, which leaves
  // out the deadlines page, has none of its links.
  function agencyState(words) {
    var phrases = (states.getAttribute("data-states") || "").split("|").map(stateWords).filter(Boolean);
    Object.keys(SAME).forEach(function (k) { phrases.push(k); });
    for (var i = 0; i < phrases.length; i++) {
      var p = phrases[i];
      var rest = words.indexOf(p + " ") === 0 ? words.slice(p.length + 1) :
        words.slice(-(p.length + 1)) === " " + p ? words.slice(0, -(p.length + 1)) : "";
      for (var j = 1; rest && j < agency.options.length; j++) {
        var o = agency.options[j];
        if (stateWords(o.text) === rest || stateWords(o.getAttribute("data-title") || "") === rest) {
          return o;
        }
      }
    }
    return null;
  }
  var ofAgency = null; // the link made for a state and an agency
  function showAgencyState(option) {
    if (!ofAgency) {
      ofAgency = document.createElement("li");
      ofAgency.appendChild(document.createElement("a"));
      states.appendChild(ofAgency);
    }
    var a = ofAgency.firstChild;
    a.href = href("agencies/" + option.value + ".html#_chu-tri");
    a.textContent = "Xem các nhiệm vụ do " + option.text + " chủ trì, với tình trạng của từng nhiệm vụ";
    ofAgency.hidden = false;
  }

  // quoted lists words in quotes: “hoà”, “nhập”.
  function quoted(words) {
    return words.map(function (w) { return "“" + w + "”"; }).join(", ");
  }

  function show(res) {
    var fromMore = document.activeElement === more; // the reader asked for more and waits on the button
    showState(res ? res.query : "");
    clear(list);
    clear(facets);
    more.hidden = true;
    if (!res) {
      status.textContent = "";
      return;
    }
    var rest = res.total - res.hits.length;
    var text = number(res.total) + " kết quả";
    if (res.total === 0) {
      text = "Không tìm thấy kết quả nào cho " + (/["“”]/.test(res.query) ? res.query : "“" + res.query + "”") + ".";
    } else if (rest > 0 && limit < MAX) {
      text += ", đang hiển thị " + number(res.hits.length) + " kết quả đầu tiên.";
      more.textContent = "Xem thêm " + number(Math.min(rest, PAGE)) + " kết quả";
      more.hidden = false;
    } else if (rest > 0) {
      text += ", đang hiển thị " + number(res.hits.length) + " kết quả đầu tiên: thêm từ khóa hoặc lọc theo loại, cơ quan để thu hẹp kết quả.";
    }
    // spellingNotes (approximate.go): the words the results shown hold only
    // in another spelling, and those they do not hold; of the results
    // shown, which may not be all of them.
    var which = rest > 0 ? "Các kết quả đang hiển thị không" : "Không kết quả nào";
    if (res.total > 0 && res.approximate) {
      text = text.replace(/\.?$/, ". ") + which + " có đúng từ " + quoted(res.approximate) +
        " như đã gõ: các kết quả dưới đây có từ gần giống.";
    }
    if (res.total > 0 && res.missing) {
      text = text.replace(/\.?$/, ". ") + which + " có từ " + quoted(res.missing) + ".";
    }
    status.textContent = text;
    showFacets(res.facets || {});
    res.hits.forEach(function (h) {
      list.appendChild(hit(h));
    });
    if (restoreTo !== null) {
      window.scrollTo(0, restoreTo);
      restoreTo = null;
    }
    if (shownBefore > 0 && fromMore) {
      // The first of the results "Xem thêm" added, or with none (a quoted
      // phrase's total counts some that do not hold it) the last shown.
      var first = list.children[Math.min(shownBefore, list.children.length - 1)];
      if (first) {
        first.querySelector("a").focus();
      }
    }
    shownBefore = 0;
  }

  function hit(h) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    var to = h.link || h.url;
    if (single && !document.getElementById(href(to).slice(1))) {
      to = h.url; // a bullet the file does not hold apart
    }
    a.href = href(to);
    a.className = "result-title";
    a.textContent = (h.section ? h.title + " › " + h.section : h.title) + (to !== h.url ? " › " + itemNumber(to) : "");
    var meta = document.createElement("span");
    meta.className = "result-kind";
    meta.textContent = kindNames[h.kind] || h.kind;
    var p = document.createElement("p");
    p.className = "snippet";
    appendSnippet(p, h.snippet);
    li.appendChild(a);
    li.appendChild(meta);
    if (h.note) { // a task's leads, partners and deadline; what a heading without text holds
      var note = document.createElement("p");
      note.className = "result-note";
      note.textContent = h.note;
      li.appendChild(note);
    }
    li.appendChild(p);
    return li;
  }

  // appendSnippet adds the server's snippet: escaped text with <mark>
  // around matches. It is parsed in a <template>, where nothing loads or
  // runs, and only text and <mark> are kept.
  function appendSnippet(node, html) {
    var tmp = document.createElement("template");
    tmp.innerHTML = html;
    tmp.content.childNodes.forEach(function (c) {
      if (c.nodeType === 3) {
        node.appendChild(document.createTextNode(c.textContent));
      } else if (c.nodeName === "MARK") {
        var m = document.createElement("mark");
        m.textContent = c.textContent;
        node.appendChild(m);
      }
    });
  }

  function showFacets(f) {
    [["kind", kind, function (v) { return kindNames[v] || v; }, "Lọc theo loại"],
     ["agency", agency, agencyName, "Lọc theo cơ quan"]].forEach(function (spec) {
      var counts = f[spec[0]] || [];
      if (spec[1].value && !counts.some(function (c) { return c.value === spec[1].value; })) {
        // The filter set finds nothing: its button stays, to be cleared.
        counts = counts.concat([{ value: spec[1].value, count: 0 }]);
      }
      if (counts.length < 2 && !spec[1].value) {
        return;
      }
      var group = document.createElement("div");
      group.className = "facet";
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", spec[3]);
      counts.forEach(function (c) {
        var b = document.createElement("button");
        b.type = "button";
        b.textContent = spec[2](c.value) + " (" + c.count + ")";
        b.setAttribute("aria-pressed", spec[1].value === c.value ? "true" : "false");
        b.addEventListener("click", function () {
          spec[1].value = spec[1].value === c.value ? "" : c.value;
          run();
        });
        group.appendChild(b);
      });
      facets.appendChild(group);
    });
  }

  function fail(code) {
    clear(list);
    clear(facets);
    more.hidden = true;
    shownBefore = 0;
    if (code === 400) {
      status.textContent = "Câu tìm kiếm quá dài hoặc không hợp lệ: hãy rút gọn rồi thử lại.";
    } else {
      status.textContent = "Không tải được chỉ mục tìm kiếm của trang (thư mục search/data): " +
        "hãy chép lại đủ thư mục trang web, hoặc báo người quản trị chạy lại “kehoach build”.";
    }
  }

  // Keyboard: ↓ from the box goes to the first result, ↓ ↑ move between
  // results, Escape returns to the box. The filters keep their own arrows.
  input.addEventListener("keydown", onKey);
  list.addEventListener("keydown", onKey);
  function onKey(e) {
    var links = list.querySelectorAll("a.result-title");
    if (!links.length) {
      return;
    }
    var i = Array.prototype.indexOf.call(links, document.activeElement);
    if (e.key === "ArrowDown") {
      links[Math.min(i + 1, links.length - 1)].focus();
      e.preventDefault();
    } else if (e.key === "ArrowUp") {
      if (i <= 0) {
        input.focus();
      } else {
        links[i - 1].focus();
      }
      e.preventDefault();
    } else if (e.key === "Escape") {
      input.focus();
    }
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    send();
  });
  input.addEventListener("input", schedule);
  kind.addEventListener("change", send);
  agency.addEventListener("change", send);

  // fill puts the query of the address in the form.
  function fill() {
    var start = new URLSearchParams(location.search);
    input.value = start.get("q") || "";
    kind.value = start.get("kind") || "";
    agency.value = start.get("agency") || "";
  }
  // Back and Forward between the queries of this page show theirs.
  window.addEventListener("popstate", function () {
    if (single || addressQuery() === params().toString()) {
      return; // the single file's sections, or a move within this page (the skip link)
    }
    clearTimeout(addressTimer);
    pending = null;
    fill();
    restoreTo = null;
    fresh = input.value !== "";
    run();
  });

  fill();
  fresh = !single && input.value !== "";
  if (kept && kept.limit > PAGE) {
    limit = Math.min(kept.limit, MAX);
  }
  if (input.value) {
    run(true);
  } else if (useStatic && window.KehoachSearch) {
    staticIndex().warm().catch(function () {}); // ready before the first key
  }
  if (!kept && !single) { // the single file opens at its title, to be read
    input.focus();
  }
})();
