package serve

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Live serves the last good build of a site being edited: each new build is
// swapped in whole, every open page is told over Server-Sent Events that it
// is there and reloads if it changed, and a build that fails leaves the last
// good pages in place and shows its errors over them until a build
// succeeds.
//
// A build whose pages are rendered as they are asked for is published
// before it is known to be good: until Confirm, a page of it that fails is
// answered from the last build confirmed; Reject takes it back.
type Live struct {
	mu       sync.Mutex
	site     *Handler // the build served; nil before the first
	good     *Handler // the last build known good whole
	failure  string   // the errors of the last build, "" when it succeeded
	warnings string   // the warnings of the last build that succeeded
	builds   int      // published so far: the number of the build served, which its pages carry
	clients  map[chan event]bool
	stop     chan struct{} // closed by Stop: event streams end
	stopped  sync.Once
	ping     time.Duration // between comments that keep a quiet stream open
}

type event struct{ name, data string }

// NewLive returns a Live with nothing to serve yet.
func NewLive() *Live {
	return &Live{clients: map[chan event]bool{}, stop: make(chan struct{}), ping: 25 * time.Second}
}

// Stop ends every event stream, so that the server can shut down; pass it
// to http.Server.RegisterOnShutdown.
func (l *Live) Stop() { l.stopped.Do(func() { close(l.stop) }) }

// Publish swaps in a new build and tells every page: each reloads if its
// HTML changed, or whatever it is when shared is true, for a build that
// changed what pages share beside their HTML (the stylesheet, scripts,
// images). The handler it replaces is returned, for the caller to close
// once requests are done.
func (l *Live) Publish(site *Handler, shared bool) (old *Handler) {
	l.mu.Lock()
	old, l.site = l.site, site
	l.builds++
	l.mu.Unlock()
	l.Fail("") // the errors of a build before go, in the events' order
	scope := "pages"
	if shared {
		scope = "all"
	}
	l.send(event{"reload", scope})
	return old
}

// Confirm records that site, published before, is good whole.
func (l *Live) Confirm(site *Handler) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.good = site
}

// Reject takes back site, published before, when some of its pages fail:
// the last good build is served again, as a build of its own number, with
// msg over its pages; those that loaded site's pages meanwhile reload.
func (l *Live) Reject(site *Handler, msg string) {
	l.mu.Lock()
	taken := l.site == site
	if taken {
		l.site = l.good
		l.builds++
	}
	l.mu.Unlock()
	l.Fail(msg)
	if taken {
		l.send(event{"reload", "pages"})
	}
}

// Warn records the warnings of the last build ("" for none): pages show
// them until a build has none, for an editor who watches the page rather
// than the terminal (an update dated tomorrow is not published; a misspelt
// key, which may be why a build failed). Call it before Publish or Fail,
// so that the pages find them.
func (l *Live) Warn(msg string) { l.set(&l.warnings, "warnings", msg) }

// Fail records a failed build: pages show msg over the last good content.
func (l *Live) Fail(msg string) { l.set(&l.failure, "failed", msg) }

// set records msg in field, which l.mu guards, and sends it to every page
// as the event name.
func (l *Live) set(field *string, name, msg string) {
	l.mu.Lock()
	*field = msg
	l.mu.Unlock()
	data, _ := json.Marshal(msg)
	l.send(event{name, string(data)})
}

func (l *Live) send(ev event) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for c := range l.clients {
		select {
		case c <- ev:
		default: // a client that does not read misses an event, not the server
		}
	}
}

// Close releases the build being served.
func (l *Live) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.site == nil {
		return nil
	}
	return l.site.Close()
}

const (
	livePrefix = "/_kehoach/"
	liveScript = livePrefix + "live.js"
	liveEvents = livePrefix + "events"
)

func (l *Live) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case liveEvents:
		l.events(w, r)
		return
	case liveScript:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write([]byte(liveJS))
		return
	}
	l.mu.Lock()
	site, good, failure, build := l.site, l.good, l.failure, l.builds
	l.mu.Unlock()
	if site == nil { // no build has succeeded yet: the page reloads when one does
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusServiceUnavailable)
		page := fmt.Sprintf("<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"+
			"<title>Lỗi khi tạo trang</title><body data-kehoach-unbuilt><h1>Chưa tạo được trang</h1>"+
			"<pre>%s</pre></body></html>", html.EscapeString(failure))
		_, _ = w.Write(injectScript([]byte(page), r.URL.Path, build))
		return
	}
	if r.URL.Path == "/api/search" || r.URL.Path == "/healthz" {
		site.ServeHTTP(w, r)
		return
	}
	serve := func(r *http.Request) *pageRecorder {
		rec := &pageRecorder{header: http.Header{}}
		site.ServeHTTP(rec, r)
		if rec.status() == http.StatusInternalServerError && good != nil && good != site {
			rec = &pageRecorder{header: http.Header{}} // a page of an unconfirmed build failed
			good.ServeHTTP(rec, r)
		}
		return rec
	}
	get := r
	if r.Method == http.MethodHead { // the page as GET sends it, so that HEAD tells its length with the script
		get = r.Clone(r.Context())
		get.Method = http.MethodGet
	}
	rec := serve(get)
	isPage := strings.HasPrefix(rec.header.Get("Content-Type"), "text/html")
	if isPage && rec.status() == http.StatusPartialContent { // a page goes whole, its script before its </body>
		get = get.Clone(get.Context())
		get.Header.Del("Range")
		get.Header.Del("If-Range")
		rec = serve(get)
	}
	body := rec.body.Bytes()
	if isPage {
		body = injectScript(body, r.URL.Path, build)
		rec.header.Set("Content-Length", strconv.Itoa(len(body)))
	}
	for k, v := range rec.header {
		w.Header()[k] = v
	}
	if isPage {
		w.Header().Del("Accept-Ranges") // a page goes whole (above)
	}
	w.Header().Del("ETag") // pages change under the same name while editing
	w.Header().Del("Last-Modified")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(rec.status())
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

// injectScript adds the live-reload script before </body>, with a path
// relative to the page, so that it works under any base path, and the
// number of the build served.
func injectScript(page []byte, urlPath string, build int) []byte {
	depth := strings.Count(strings.TrimPrefix(urlPath, "/"), "/")
	src := strings.Repeat("../", depth) + strings.TrimPrefix(liveScript, "/")
	tag := []byte(`<script src="` + src + `" data-kehoach-build="` + strconv.Itoa(build) + `" defer></script>`)
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(page, tag...)
	}
	return append(page[:i:i], append(tag, page[i:]...)...)
}

// events streams reload and failure events to one page.
func (l *Live) events(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	_ = rc.SetWriteDeadline(time.Time{}) // a stream outlives the server's write timeout
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	// Behind nginx's proxy_pass, which buffers a response by default and
	// closes one silent for 60 s: send each event at once, and a comment
	// now and then.
	w.Header().Set("X-Accel-Buffering", "no")
	c := make(chan event, 16) // a build sends three or four: a page reading a little late misses none
	l.mu.Lock()
	l.clients[c] = true
	failure, warnings, build := l.failure, l.warnings, l.builds
	l.mu.Unlock()
	defer func() {
		l.mu.Lock()
		delete(l.clients, c)
		l.mu.Unlock()
	}()
	fmt.Fprint(w, "retry: 500\n\n")
	if b := r.URL.Query().Get("build"); b != "" && b != strconv.Itoa(build) {
		fmt.Fprint(w, "event: reload\ndata: pages\n\n") // a build came between the page and its stream
	}
	for _, ev := range []event{{"warnings", warnings}, {"failed", failure}} { // as they stand now
		if ev.data != "" {
			data, _ := json.Marshal(ev.data)
			fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, data)
		}
	}
	_ = rc.Flush()
	ping := time.NewTicker(l.ping)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-l.stop:
			return
		case <-ping.C:
			fmt.Fprint(w, ": ping\n\n")
		case ev := <-c:
			fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data)
		}
		if err := rc.Flush(); err != nil {
			return
		}
	}
}

// pageRecorder keeps a response to rewrite it.
type pageRecorder struct {
	header http.Header
	code   int
	body   bytes.Buffer
}

func (p *pageRecorder) Header() http.Header         { return p.header }
func (p *pageRecorder) Write(b []byte) (int, error) { return p.body.Write(b) }
func (p *pageRecorder) WriteHeader(code int)        { p.code = code }
func (p *pageRecorder) status() int {
	if p.code == 0 {
		return http.StatusOK
	}
	return p.code
}

// liveJS reloads the page when a build that changed it is swapped in (the
// browser keeps the reader's place: TestLiveReload), shows a failed build's
// errors over the page, and the warnings of the build served below it.
const liveJS = `(function () {
  "use strict";
  var script = document.currentScript;
  var own = script.getAttribute("data-kehoach-build"); // the build of the page, as served
  var src = script.src.replace(/live\.js$/, "events?build=" + encodeURIComponent(own || ""));
  var box = null;
  var notes = null;
  var es = new EventSource(src);
  var unbuilt = document.body.hasAttribute("data-kehoach-unbuilt"); // the error page: no build to show yet
  if (unbuilt) {
    document.querySelector("pre").style.whiteSpace = "pre-wrap"; // long lines wrap on a phone
  }
  // The editor may hide the warnings, which cover the foot of the page,
  // until they change: the page reloads on every save, so the hidden text
  // is kept for the tab's session.
  var HIDDEN = "kehoach-hidden-warnings";
  var hiddenHere = null; // where the storage is refused: for this page
  function hidden() {
    try {
      return sessionStorage.getItem(HIDDEN);
    } catch (err) {
      return hiddenHere;
    }
  }
  function hide(text) {
    hiddenHere = text;
    try {
      if (text === null) {
        sessionStorage.removeItem(HIDDEN);
      } else {
        sessionStorage.setItem(HIDDEN, text);
      }
    } catch (err) {
      // kept in hiddenHere
    }
  }
  es.addEventListener("warnings", function (e) {
    var text = JSON.parse(e.data);
    if (!text) {
      hide(null); // the same warnings, should they come back, show again
    }
    if (!text || text === hidden()) {
      if (notes) {
        notes.remove();
        notes = null;
      }
      return;
    }
    if (!notes) {
      notes = document.createElement("div");
      notes.className = "kehoach-build-warnings";
      notes.setAttribute("role", "status");
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = "Ẩn cảnh báo";
      button.addEventListener("click", function () {
        hide(notes.getAttribute("data-text"));
        notes.remove();
        notes = null;
      });
      notes.appendChild(button);
      notes.appendChild(document.createElement("pre"));
      document.body.appendChild(notes);
    }
    notes.setAttribute("data-text", text);
    notes.lastChild.textContent = "Cảnh báo khi tạo trang:\n\n" + text;
  });
  // A save reloads the pages it changed, not every tab open on the site
  // (a form half filled, a search typed). Each page keeps its HTML as
  // served, but the build's number, read again once it has loaded; when a
  // build comes, it reads itself again and reloads if that differs, or if
  // the build changed what pages share ("all"). A page that reads a newer
  // build than its own cannot tell, and reloads.
  var served = null;
  var BUILD = / data-kehoach-build="(\d+)"/;
  function read() {
    return fetch(location.href.split("#")[0], { cache: "no-store" }).then(function (r) {
      if (!r.ok) {
        throw new Error("status " + r.status);
      }
      return r.text();
    }).then(function (t) {
      var m = BUILD.exec(t);
      return { build: m ? m[1] : "", html: t.replace(BUILD, "") };
    });
  }
  if (!unbuilt) {
    read().then(function (p) {
      if (p.build !== own) {
        location.reload();
        return;
      }
      served = p.html;
    }).catch(function () {
      // served stays null: every build reloads the page
    });
  }
  es.addEventListener("reload", function (e) {
    if (e.data !== "pages" || served === null) {
      location.reload(); // browsers keep the reader's place on a reload
      return;
    }
    read().then(function (p) {
      if (p.html !== served) {
        location.reload();
        return;
      }
      own = p.build;
    }).catch(function () {
      location.reload();
    });
  });
  es.addEventListener("failed", function (e) {
    if (!JSON.parse(e.data)) { // a build succeeded: the errors of one before go
      if (box) {
        box.remove();
        box = null;
      }
      return;
    }
    if (unbuilt) {
      document.querySelector("pre").textContent = JSON.parse(e.data); // no good page to show below
      return;
    }
    if (!box) {
      box = document.createElement("pre");
      box.className = "kehoach-build-error";
      box.setAttribute("role", "alert");
      document.body.insertBefore(box, document.body.firstChild);
    }
    box.textContent = "Lỗi khi tạo lại trang (trang dưới đây là bản tạo thành công gần nhất):\n\n" + JSON.parse(e.data);
  });
})();
`
