// The search page: results as you type from the site's search API
// (GET api/search, served by `kehoach serve`), with highlighted snippets,
// counts per kind and agency to filter by, and keyboard navigation.
// No dependencies; loaded with a plain <script defer>.
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
  var root = form.getAttribute("data-root");

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

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
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

  function run() {
    var p = params();
    history.replaceState(null, "", "?" + p.toString());
    var id = ++latest; // answers to earlier queries are now ignored
    if (input.value.trim() === "") {
      show(null);
      return;
    }
    p.set("limit", "20");
    fetch(api + "?" + p.toString(), { headers: { Accept: "application/json" } })
      .then(function (r) {
        return r.json().then(function (body) {
          return { ok: r.ok, status: r.status, body: body };
        });
      })
      .then(function (res) {
        if (id !== latest) {
          return; // a newer query has been sent
        }
        if (!res.ok) {
          fail(res.status);
          return;
        }
        show(res.body);
      })
      .catch(function () {
        if (id === latest) {
          unavailable();
        }
      });
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
  }

  function show(res) {
    clear(list);
    clear(facets);
    if (!res) {
      status.textContent = "";
      return;
    }
    status.textContent = res.total === 0
      ? "Không tìm thấy kết quả nào cho “" + res.query + "”."
      : res.total + " kết quả (" + res.took_ms.toFixed(1) + " ms)";
    showFacets(res.facets || {});
    res.hits.forEach(function (h) {
      list.appendChild(hit(h));
    });
  }

  function hit(h) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = root + h.url;
    a.className = "result-title";
    a.textContent = h.section ? h.title + " › " + h.section : h.title;
    var meta = document.createElement("span");
    meta.className = "result-kind";
    meta.textContent = kindNames[h.kind] || h.kind;
    var p = document.createElement("p");
    p.className = "snippet";
    appendSnippet(p, h.snippet);
    li.appendChild(a);
    li.appendChild(meta);
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
    [["kind", kind, function (v) { return kindNames[v] || v; }],
     ["agency", agency, agencyName]].forEach(function (spec) {
      var counts = f[spec[0]] || [];
      if (counts.length < 2 && !spec[1].value) {
        return;
      }
      var group = document.createElement("div");
      group.className = "facet";
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
    if (code === 400) {
      status.textContent = "Câu tìm kiếm quá dài hoặc không hợp lệ: hãy rút gọn rồi thử lại.";
    } else if (code === 503) {
      status.textContent = "Trang web chưa có chỉ mục tìm kiếm: người quản trị cần chạy lại “kehoach build”.";
    } else {
      status.textContent = "Máy chủ gặp lỗi khi tìm kiếm; hãy thử lại sau.";
    }
  }

  function unavailable() {
    clear(list);
    clear(facets);
    status.textContent = "Tìm kiếm chưa dùng được ở đây: trang đang được mở không qua máy chủ kehoach " +
      "(từ một thư mục, hoặc từ một máy chủ web thông thường). Hãy mở trang qua lệnh “kehoach serve”.";
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
    run();
  });
  input.addEventListener("input", schedule);
  kind.addEventListener("change", run);
  agency.addEventListener("change", run);

  var start = new URLSearchParams(location.search);
  input.value = start.get("q") || "";
  kind.value = start.get("kind") || "";
  agency.value = start.get("agency") || "";
  if (input.value) {
    run();
  }
  input.focus();
})();
