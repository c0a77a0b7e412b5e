package bundle

import (
	"net/url"
	"path"
	"strings"
)

// href is what a link written in page becomes in the file: "#P", "#P--frag"
// or an external address. ok is false when the link leads nowhere the file
// can go (a page it does not hold, a download, a feed), so that the caller
// keeps only its text.
func (r *rewriter) href(raw string) (string, bool) {
	raw = strings.TrimSpace(raw)
	if frag, local := strings.CutPrefix(raw, "#"); local {
		return r.local(frag), true
	}
	u, err := url.Parse(r.inSite(raw))
	if err != nil {
		return "", false
	}
	if u.Scheme != "" || u.Host != "" {
		return raw, external(u.Scheme)
	}
	target, ok := sitePath(r.page, u.Path)
	if !ok || !r.included[target] {
		return "", false
	}
	if frag := u.EscapedFragment(); frag != "" {
		return "#" + target + idSep + frag, true
	}
	return "#" + target, true
}

// inSite turns an absolute link under the site's base URL into a link from
// the site's root: "https://host/kehoach/plan/index.html" → "/plan/index.html".
func (r *rewriter) inSite(raw string) string {
	if rest, ok := strings.CutPrefix(raw, r.baseURL); ok && r.baseURL != "" {
		return "/" + rest
	}
	return raw
}

// local is a link to a fragment of the page itself: "#" is the top of its
// section.
func (r *rewriter) local(frag string) string {
	if frag == "" {
		return "#" + r.top
	}
	return "#" + r.prefix + frag
}

// sitePath resolves the path of a link written in page to a file of the
// site: relative to the page, or to the root when it starts with "/"; a
// folder is its index.html. ok is false for a path above the root.
func sitePath(page, p string) (string, bool) {
	if p == "" {
		return page, true
	}
	dir := strings.HasSuffix(p, "/")
	if strings.HasPrefix(p, "/") {
		p = path.Clean(p)[1:]
	} else {
		p = path.Join(path.Dir(page), p)
	}
	if p == ".." || strings.HasPrefix(p, "../") {
		return "", false
	}
	if p == "." || p == "" {
		return "index.html", true
	}
	if dir {
		p += "/index.html"
	}
	return p, true
}

// external reports whether links of scheme stay as they are: they leave the
// file for another site or application, as they would leave the site.
func external(scheme string) bool {
	switch strings.ToLower(scheme) {
	case "http", "https", "mailto", "tel":
		return true
	}
	return false
}
