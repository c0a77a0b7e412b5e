// Package serve serves a built site and its search API: GET /api/search
// answers with the JSON of search.Response, and every other path is a file of
// the site. Folders are never listed, and paths cannot leave the site.
package serve
