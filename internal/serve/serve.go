package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/kehoach/kehoach/internal/search"
)

// Handler serves a built site.
type Handler struct {
	site  fs.FS
	files http.Handler

	mu       sync.RWMutex  // searches hold it to read; a new index takes it to write
	index    *search.Index // nil when the site has no usable index
	noIdx    error         // why
	ownIndex bool          // Close closes the index
	stopWarm func()        // stops reading the index ahead and waits (search.Index.Warm)
	dir      string        // the built folder, for New: a new build's index is opened
	built    os.FileInfo   // its index folder, when the index was opened
}

// New returns a handler for the site in dir, with its search index if it
// has one, which it begins to read ahead in the background. When a new
// build replaces the folder (kehoach build beside a running server), the
// next search opens its index.
func New(dir string) *Handler {
	h := NewFS(os.DirFS(dir), nil)
	h.dir, h.ownIndex = dir, true
	h.open()
	return h
}

// open opens the index of h.dir and begins to read it ahead.
func (h *Handler) open() {
	at := filepath.Join(h.dir, search.Dir)
	h.built, _ = os.Stat(at)
	h.index, h.noIdx = search.Open(at)
	h.stopWarm = nil
	if h.index != nil {
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func(x *search.Index) {
			defer close(done)
			_ = x.Warm(ctx) // an error here leaves searches to read the index themselves
		}(h.index)
		h.stopWarm = func() { cancel(); <-done }
	}
}

// searchIndex is the index to search, the function that releases it, and
// why there is none.
// It is the newest build's: when the index folder is another than the one
// opened, the old index is closed once its searches are done.
func (h *Handler) searchIndex() (*search.Index, func(), error) {
	if h.dir != "" {
		now, err := os.Stat(filepath.Join(h.dir, search.Dir))
		h.mu.RLock()
		stale := err == nil && (h.built == nil || !os.SameFile(h.built, now))
		h.mu.RUnlock()
		if stale {
			h.mu.Lock()
			if h.built == nil || !os.SameFile(h.built, now) {
				_ = h.closeIndex()
				h.open()
			}
			h.mu.Unlock()
		}
	}
	h.mu.RLock()
	return h.index, h.mu.RUnlock, h.noIdx
}

// NewFS returns a handler for the site in site, searching index, which
// the caller closes (a preview's site in memory and its live index).
func NewFS(site fs.FS, index *search.Index) *Handler {
	site = noListing{site}
	h := &Handler{site: site, files: http.FileServerFS(site), index: index}
	if index == nil {
		h.noIdx = fmt.Errorf("%w: the site was built without one", search.ErrNoIndex)
	}
	return h
}

// Close releases the search index, when the handler opened it.
func (h *Handler) Close() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.closeIndex()
}

func (h *Handler) closeIndex() error {
	if h.index == nil || !h.ownIndex {
		return nil
	}
	if h.stopWarm != nil {
		h.stopWarm()
	}
	return h.index.Close()
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/api/search":
		h.search(w, r)
		return
	case "/" + search.APIScript:
		index, release, _ := h.searchIndex()
		release()
		if index != nil { // else the built file's "no": the static index answers
			w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
			w.Header().Set("Cache-Control", "no-store")
			_, _ = w.Write(search.APIScriptData(true))
			return
		}
	case "/healthz":
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write([]byte("ok\n"))
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
	if name == "" {
		name = "."
	}
	if _, err := fs.Stat(h.site, name); missing(err) || name == search.Dir || strings.HasPrefix(name, search.Dir+"/") {
		h.notFound(w, r) // the server's own search index is answered through the API only
		return
	}
	h.cacheHeaders(w, r.URL.Path)
	if path.Base(name) == "index.html" {
		// Every link of the site names index.html, so that it works from
		// a folder; http.FileServer would answer each with a redirect.
		h.serveFile(w, r, name)
		return
	}
	h.files.ServeHTTP(w, r)
}

// serveFile answers with the file name of the site, as it is.
func (h *Handler) serveFile(w http.ResponseWriter, r *http.Request, name string) {
	info, err := fs.Stat(h.site, name)
	if err != nil {
		http.Error(w, "cannot read "+name, http.StatusInternalServerError)
		return
	}
	data, err := fs.ReadFile(h.site, name)
	if err != nil {
		http.Error(w, "cannot read "+name, http.StatusInternalServerError)
		return
	}
	http.ServeContent(w, r, name, info.ModTime(), bytes.NewReader(data))
}

func (h *Handler) search(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		writeError(w, http.StatusMethodNotAllowed, "use GET")
		return
	}
	index, release, noIdx := h.searchIndex()
	defer release()
	if index == nil {
		writeError(w, http.StatusServiceUnavailable, noIdx.Error())
		return
	}
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		writeError(w, http.StatusBadRequest, "malformed query string: "+err.Error())
		return
	}
	limit := 0
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			writeError(w, http.StatusBadRequest, "limit must be a whole number from 1 to 100")
			return
		}
		limit = n
	}
	res, err := index.Search(search.Request{Query: q.Get("q"), Kind: q.Get("kind"), Agency: q.Get("agency"), Limit: limit})
	switch {
	case errors.Is(err, search.ErrBadQuery):
		writeError(w, http.StatusBadRequest, err.Error())
		return
	case err != nil:
		writeError(w, http.StatusInternalServerError, "search failed")
		return
	}
	writeJSON(w, http.StatusOK, res)
}

func writeError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, map[string]string{"error": msg})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// noListing hides folders that have no index.html, so that the file server
// answers 404 rather than listing them.
type noListing struct{ fs.FS }

func (n noListing) Open(name string) (fs.File, error) {
	f, err := n.FS.Open(name)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err == nil && info.IsDir() {
		if _, err := fs.Stat(n.FS, path.Join(name, "index.html")); err != nil {
			f.Close()
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fs.ErrNotExist
			}
			return nil, err // a page that fails to render (a preview's): answered 500
		}
	}
	return f, nil
}
