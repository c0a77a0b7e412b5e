// Package bundle turns a finished build into one self-contained HTML file:
// the plan, its guidance, agencies and tasks, to send by e-mail or a
// messaging app and open from disk with no network.
//
// What the file promises:
//   - Every page it holds is a <section id="P">, P being the page's path in
//     the site ("plan/04-nhiem-vu-giai-phap.html"), holding the content of
//     the page's <main id="_noi-dung">. Every id inside it becomes "P--id",
//     and the attributes that name ids (for, aria-labelledby, headers, …)
//     follow.
//   - A link to a page the file holds becomes "#P" or "#P--fragment"; a link
//     to a page it does not hold (updates, feeds, calendars, downloads, the
//     dashboard) becomes its text, and a paragraph or item made only of such
//     links is left out. Links to other sites stay as they are.
//   - Nothing is loaded from elsewhere: the stylesheet is inlined, images
//     become data: URLs, and scripts, frames and media are left out of the
//     pages.
//   - Search works offline: the engine (js/vnsearch.js), the index scripts
//     (search/data/*.js) and the page's UI (js/search.js) are inlined in that
//     order, under the search form of search/index.html marked
//     data-single="1". Bundle fails when the build has no such search.
package bundle
