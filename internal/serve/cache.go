package serve

import (
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

// cacheHeaders sets an ETag (from the file's size and time, which a build
// rewrites) and how long a browser may keep the file: a year for the
// fingerprinted assets, whose names change with their content, and
// revalidation with the ETag for everything else. http.FileServer answers
// If-None-Match and If-Modified-Since with 304.
func (h *Handler) cacheHeaders(w http.ResponseWriter, urlPath string) {
	name := strings.TrimPrefix(path.Clean("/"+urlPath), "/")
	if name == "" || strings.HasSuffix(urlPath, "/") {
		name = path.Join(name, "index.html")
	}
	info, err := fs.Stat(h.site, name)
	if err != nil || info.IsDir() {
		return
	}
	w.Header().Set("ETag", fmt.Sprintf(`"%x-%x"`, info.Size(), info.ModTime().UnixNano()))
	if strings.HasPrefix(name, "assets/") {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
}
