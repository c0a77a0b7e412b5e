package serve

import (
	"bytes"
	"errors"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"
	"syscall"

	"golang.org/x/net/html"
)

// notFound answers a request for a file the site does not have with the
// site's own 404.html, in Vietnamese and with the site's header, rather
// than Go's "404 page not found". Its links are written from the site's
// root: they are rewritten to lead from the folder of the address asked
// for, so that the page keeps its stylesheet and links at any depth and
// under any base path.
func (h *Handler) notFound(w http.ResponseWriter, r *http.Request) {
	page, err := fs.ReadFile(h.site, "404.html")
	if err != nil {
		http.NotFound(w, r)
		return
	}
	dir := path.Clean(r.URL.Path) // "/tasks/nope/x.html", "/plan/x/" as "/plan/x"
	if strings.HasSuffix(r.URL.Path, "/") && dir != "/" {
		dir += "/"
	}
	if depth := strings.Count(dir, "/") - 1; depth > 0 {
		if page, err = fromFolder(page, strings.Repeat("../", depth)); err != nil {
			http.NotFound(w, r)
			return
		}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		_, _ = w.Write(page)
	}
}

// missing reports whether err, from looking up a file of the site, says
// there is none: not there, or under a file taken for a folder
// ("index.html/x", ENOTDIR on Unix), or a name no file can have.
func missing(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) || errors.Is(err, fs.ErrInvalid)
}

// fromFolder rewrites the relative links (href, src, and the action of a
// form: the header's search box) of a page written for the site's root so
// that they lead there from up folders below it.
func fromFolder(page []byte, up string) ([]byte, error) {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return nil, err
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for i, a := range n.Attr {
			if a.Namespace != "" || a.Key != "href" && a.Key != "src" && a.Key != "action" && a.Key != "formaction" {
				continue
			}
			if u, err := url.Parse(a.Val); err == nil && u.Scheme == "" && u.Host == "" &&
				u.Path != "" && !strings.HasPrefix(u.Path, "/") {
				n.Attr[i].Val = up + a.Val
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	var out bytes.Buffer
	if err := html.Render(&out, doc); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
