package serve

import (
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

	"github.com/kehoach/kehoach/internal/search"
)

// Handler serves a built site.
type Handler struct {
	site     fs.FS
	files    http.Handler
	index    *search.Index // nil when the site has no usable index
	noIdx    error         // why
	ownIndex bool          // Close closes the index
	stopWarm func()        // stops reading the index ahead and waits (search.Index.Warm)
}

// New returns a handler for the site in dir, with its search index if it
// has one, which it begins to read ahead in the background.
func New(dir string) *Handler {
	h := NewFS(os.DirFS(dir), nil)
	h.index, h.noIdx = search.Open(filepath.Join(dir, search.Dir))
	h.ownIndex = true
	if h.index != nil {
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() {
			defer close(done)
			_ = h.index.Warm(ctx) // an error here leaves searches to read the index themselves
		}()
		h.stopWarm = func() { cancel(); <-done }
	}
	return h
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
		if h.index != nil { // else the built file's "no": the static index answers
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
	h.files.ServeHTTP(w, r)
}

func (h *Handler) search(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		writeError(w, http.StatusMethodNotAllowed, "use GET")
		return
	}
	if h.index == nil {
		writeError(w, http.StatusServiceUnavailable, h.noIdx.Error())
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
	res, err := h.index.Search(search.Request{Query: q.Get("q"), Kind: q.Get("kind"), Agency: q.Get("agency"), Limit: limit})
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
