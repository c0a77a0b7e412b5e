// vnsearch.js: the site's search with no server, over the static index
// that `kehoach build` writes into search/data/ (internal/search/static.go).
//
// It answers as the server's /api/search does (internal/search), with the
// same Vietnamese analysis: words folded like vntext.SearchWord (tone mark
// in one place, "y" after consonants as "i", a form without diacritics),
// document numbers, the plan's abbreviations, phrases, one-letter typos,
// filters, facets, the same ranking and highlighted snippets. The folding
// is checked against the Go code by shared test vectors
// (internal/search/testdata/fold.json).
//
// The index is loaded with plain <script> elements, which work from a
// folder opened as files (file://), where fetch, modules and WebAssembly do
// not. Each index file calls KehoachSearch.add(data).
(function (global) {
  "use strict";

  // ---- Folding: vntext.SearchWord and vntext.Fold ----

  var TONES = { "\u0300": 1, "\u0301": 1, "\u0303": 1, "\u0309": 1, "\u0323": 1 };
  var MARK = /\p{Mn}/u;
  var LETTER = /\p{L}/u;
  var WORD = /[\p{L}\p{Nd}\p{Mn}]+/gu;
  var WORDCHAR = /[\p{L}\p{Nd}\p{Mn}]/u;
  var BASE = /[\p{L}\p{Nd}]/u;
  var letterCache = new Map();

  // lower is the lower case of one character, as one character.
  function lower(ch) {
    var l = Array.from(ch.toLowerCase());
    if (l.length === 1 || l.slice(1).every(function (m) { return MARK.test(m); })) {
      return l[0];
    }
    return ch;
  }

  // split returns what a character is made of: [shaped, plain, tone],
  // where shaped keeps the shape marks (â, ơ, ư…), plain has no mark, and
  // tone is the combining tone mark or "".
  function split(ch) {
    if (ch.charCodeAt(0) < 0x80) {
      var a = ch.toLowerCase();
      return [a, a, ""];
    }
    if (TONES[ch]) {
      return ["", "", ch];
    }
    if (MARK.test(ch)) {
      return ["", "", ""];
    }
    var l = letterCache.get(ch);
    if (!l) {
      var c = ch.codePointAt(0);
      var low = lower(ch);
      var lc = low.codePointAt(0);
      if (c >= 0xc0 && c <= 0x1ef9) {
        l = decompose(ch);
      } else if (lc >= 0xc0 && lc <= 0x1ef9) { // "Å" (the Ångström sign) is "å"
        l = decompose(low);
      } else {
        l = [low, low, ""];
      }
      letterCache.set(ch, l);
    }
    return l;
  }

  function decompose(ch) {
    var low = lower(ch);
    if (low === "đ" || low === "ð") { // "Ð" (eth) stands for "Đ" in text from old Vietnamese encodings
      return ["đ", "d", ""];
    }
    var parts = Array.from(low.normalize("NFD"));
    var tone = "";
    var shape = "";
    for (var i = 1; i < parts.length; i++) {
      if (TONES[parts[i]]) {
        tone = parts[i];
      } else {
        shape += parts[i];
      }
    }
    if (!parts.length || parts[0].charCodeAt(0) >= 0x80) {
      return [low, low, tone];
    }
    return [Array.from((parts[0] + shape).normalize("NFC"))[0], parts[0], tone];
  }

  // searchWord is vntext.SearchWord: {exact, folded}.
  function searchWord(w) {
    var shaped = [];
    var plain = [];
    var tone = "";
    for (var ch of w) {
      var l = split(ch);
      if (l[2]) {
        tone = l[2];
      }
      if (l[0]) {
        shaped.push(l[0]);
        plain.push(l[1]);
      }
    }
    var n = plain.length;
    if (n >= 2 && plain[n - 1] === "y" && plain.slice(0, n - 1).every(function (r) {
      return "bcdghklmnpqrstvx".indexOf(r) >= 0;
    })) {
      shaped[n - 1] = plain[n - 1] = "i";
    }
    return { exact: shaped.join("") + tone, folded: plain.join("") };
  }

  // fold is vntext.Fold: lower case without any mark, "đ" as "d".
  function fold(s) {
    var out = "";
    for (var ch of s) {
      out += split(ch)[1];
    }
    return out;
  }

  // spans are the words of a text: runs of letters, digits and marks.
  function spans(text) {
    var out = [];
    WORD.lastIndex = 0;
    for (var m; (m = WORD.exec(text));) {
      if (BASE.test(m[0])) { // marks alone fold to nothing: not a word
        out.push([m.index, m.index + m[0].length]);
      }
    }
    return out;
  }

  // analyse is a text's words: their spans, exact and folded forms.
  function analyse(text) {
    var sp = spans(text);
    var a = { spans: sp, exact: new Array(sp.length), folded: new Array(sp.length) };
    for (var i = 0; i < sp.length; i++) {
      var w = searchWord(text.slice(sp[i][0], sp[i][1]));
      a.exact[i] = w.exact;
      a.folded[i] = w.folded;
    }
    meritFold(a.folded, spacedWords(text, sp)); // "4 tốt" is "bốn tốt"
    return a;
  }

  // SPACES is what Go's unicode.IsSpace calls white space, all of it.
  var SPACES = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;

  // spacedWords is merit.go's: whether only white space stands between
  // each of the spans of text and the one before.
  function spacedWords(text, sp) {
    var out = new Array(sp.length);
    out[0] = false;
    for (var i = 1; i < sp.length; i++) {
      out[i] = SPACES.test(text.slice(sp[i - 1][1], sp[i][0]));
    }
    return out;
  }

  function hasMarks(s) {
    for (var i = 0; i < s.length; i++) {
      if (s.charCodeAt(i) >= 0x80) {
        return true;
      }
    }
    return false;
  }

  // ---- Document numbers: internal/docref ----

  function isDigit(c) {
    return c >= "0" && c <= "9";
  }

  function skip(s, i, step) {
    while (step < 0 ? i > 0 && s[i - 1] === " " : i < s.length && s[i] === " ") {
      i += step < 0 ? -1 : 1;
    }
    return i;
  }

  // lettersEnd is the end of the run of at most max letters at i, or i.
  function lettersEnd(s, i, max) {
    var n = 0;
    var j = i;
    for (var ch of s.slice(i)) {
      if (!LETTER.test(ch)) {
        return j;
      }
      if (++n > max) {
        return i;
      }
      j += ch.length;
    }
    return s.length;
  }

  function wordCharBefore(s, i) {
    var prev = Array.from(s.slice(Math.max(0, i - 2), i)).pop();
    return prev !== undefined && WORDCHAR.test(prev);
  }

  function trimZeros(n) {
    return n.replace(/^0+/, "") || "0";
  }

  function citations(text, types) {
    var out = [];
    for (var off = 0; ;) {
      var dash = text.indexOf("-", off);
      if (dash < 0) {
        return out;
      }
      off = dash + 1;
      var c = citationAt(text, dash, types);
      if (c) {
        out.push(c);
        off = c.end;
      }
    }
  }

  function citationAt(text, dash, types) {
    var start = skip(text, dash, -1);
    var numStart = start;
    while (numStart > 0 && isDigit(text[numStart - 1]) && start - numStart < 4) {
      numStart--;
    }
    if (numStart === start || numStart > 0 && wordCharBefore(text, numStart)) {
      return null;
    }
    var typStart = skip(text, dash + 1, 1);
    var typEnd = lettersEnd(text, typStart, 6);
    var typ = fold(text.slice(typStart, typEnd));
    if (!Object.prototype.hasOwnProperty.call(types, typ)) {
      return null;
    }
    var c = { start: numStart, end: typEnd, number: text.slice(numStart, start), type: typ, issuer: "" };
    var slash = skip(text, typEnd, 1);
    if (slash < text.length && text[slash] === "/") {
      var issStart = skip(text, slash + 1, 1);
      var issEnd = lettersEnd(text, issStart, 10);
      if (issEnd > issStart) {
        c.issuer = fold(text.slice(issStart, issEnd));
        c.end = issEnd;
      }
    }
    c.term = c.type + "-" + trimZeros(c.number);
    return c;
  }

  // numberTerms are the index terms of the documents cited in text.
  function numberTerms(text, types) {
    var out = [];
    citations(text, types).forEach(function (c) {
      out.push(c.term);
      if (c.issuer) {
        out.push(c.term + "-" + c.issuer);
      }
    });
    return out;
  }

  function isNumber(s) {
    return /^[0-9]{1,4}$/.test(s);
  }

  // numberTerm recognises "nghi quyet 21", "nghi quyet so 21", "nq 21" or
  // glued, "nq21", in folded words from i: [term, words used].
  function numberTerm(words, i, types) {
    var glued = /^([a-z]+)([0-9]{1,4})$/.exec(words[i]);
    if (glued && Object.prototype.hasOwnProperty.call(types, glued[1])) {
      return [types[glued[1]] + "-" + trimZeros(glued[2]), 1];
    }
    for (var n of [2, 1]) {
      if (i + n >= words.length) {
        continue;
      }
      var key = words.slice(i, i + n).join(" ");
      if (!Object.prototype.hasOwnProperty.call(types, key)) {
        continue;
      }
      var j = i + n;
      if (words[j] === "so" && j + 1 < words.length) {
        j++;
      }
      if (isNumber(words[j])) {
        return [types[key] + "-" + trimZeros(words[j]), j + 1 - i];
      }
    }
    return ["", 0];
  }

  // The plan's items quoted by number, "IV.3.2" (internal/search/items.go):
  // their terms, "z-iv-3-2" (no Vietnamese word begins with "z": their
  // own shards), among the documents' numbers.
  var ITEM_PREFIX = "z-";
  var ITEM_NUMBER = /^(?:i{1,3}|iv|vi{0,3}|ix|x)(?:(?:[.-][0-9]{1,3})+|[0-9]{1,3}(?:[.-][0-9]{1,3})+)\.?$/i;
  var ITEM_GLUED = /^([ivx]+)([0-9])/i; // "V5.1": the numeral and the first number, glued
  var PART_NUMERAL = /^(?:i{1,3}|iv|vi{0,3}|ix|x)$/i;
  var ITEM_NUMBERS = /^[0-9]{1,3}(?:[.-][0-9]{1,3})*\.?$/;
  var ITEM_GAP = /^[ \t]+$/;
  var ITEM_NAMES = ["muc", "phan"]; // name an item before its number, folded
  var ITEM_JOINS = ["va", "hoac"]; // join two items' numbers

  // queryItems is items.go's: the terms of the items' numbers in a query
  // ("IV.3.2", "IV-3-2", "V5.1", "iv 3 2", "phần IV"), and the text with
  // each blanked out, with "mục" or "phần" before it or ending the query
  // after it, and "và" or "hoặc" between two; "mục" before a heading's
  // number alone ("mục 2.3").
  function queryItems(text) {
    var terms = [];
    var toks = [];
    var re = /[\p{L}\p{N}.-]+/gu;
    var m;
    while ((m = re.exec(text)) !== null) {
      toks.push([m.index, m.index + m[0].length]);
    }
    function word(i) {
      return fold(text.slice(toks[i][0], toks[i][1]));
    }
    function blank(first, last) {
      var start = toks[first][0];
      var end = toks[last][1];
      text = text.slice(0, start) + " ".repeat(end - start) + text.slice(end);
    }
    var last = -1; // the last token of the item found before
    for (var i = 0; i < toks.length; i++) {
      var first = i;
      var parts = [text.slice(toks[i][0], toks[i][1])];
      if (i + 1 < toks.length && ITEM_NAMES.indexOf(word(i)) >= 0 && ITEM_NUMBERS.test(text.slice(toks[i + 1][0], toks[i + 1][1]))) {
        blank(i, i); // "mục 2.3", as a heading prints it: the number is the query's
        continue;
      }
      if (!ITEM_NUMBER.test(parts[0])) {
        if (!PART_NUMERAL.test(parts[0])) {
          continue;
        }
        while (i + 1 < toks.length && ITEM_GAP.test(text.slice(toks[i][1], toks[i + 1][0])) &&
          ITEM_NUMBERS.test(text.slice(toks[i + 1][0], toks[i + 1][1]))) {
          i++;
          parts.push(text.slice(toks[i][0], toks[i][1]));
        }
      }
      var named = first > 0 && ITEM_NAMES.indexOf(word(first - 1)) >= 0;
      if (parts.length === 1 && !ITEM_NUMBER.test(parts[0]) && !named) {
        continue; // a numeral alone: "quý IV"
      }
      parts[0] = parts[0].replace(ITEM_GLUED, "$1.$2");
      terms.push(ITEM_PREFIX + parts.join(".").split(/[.-]/).filter(function (p) { return p !== ""; }).join("-").toLowerCase());
      if (named) {
        first--;
      }
      if (last >= 0 && first === last + 2 && ITEM_JOINS.indexOf(word(first - 1)) >= 0) {
        first--;
      }
      blank(first, i);
      last = i;
    }
    if (last >= 0 && last === toks.length - 2 && ITEM_NAMES.indexOf(word(last + 1)) >= 0) {
      blank(last + 1, last + 1);
    }
    return { terms: terms, text: text };
  }
  // isItemTerm is items.go's: whether a term of a query's numbers is an item's.
  function isItemTerm(term) {
    return term.indexOf(ITEM_PREFIX) === 0;
  }

  // isItem is record.isItem: whether the document at url is the item the
  // term names.
  function isItem(url, term) {
    var hash = url.indexOf("#");
    return hash >= 0 && hash + 1 < url.length && ITEM_PREFIX + url.slice(hash + 1) === term;
  }

  // focus is parsed.focus: the first word of the first place a queried
  // item names, or -1.
  function focus(p, places) {
    var f = places ? places.split(" ") : [];
    for (var n = 0; n < p.numbers.length; n++) {
      for (var i = 0; i + 1 < f.length; i += 2) {
        if (ITEM_PREFIX + f[i + 1] === p.numbers[n]) {
          return Number(f[i]);
        }
      }
    }
    return -1;
  }

  // placeStarts and placeOf are places.go's: the first words of places,
  // and the words [lo, hi) of the place that holds word w.
  function placeStarts(places) {
    var f = places ? places.split(" ") : [];
    var out = [];
    for (var i = 0; i + 1 < f.length; i += 2) {
      out.push(Number(f[i]));
    }
    return out;
  }
  function placeOf(starts, w, n) {
    var lo = 0;
    for (var i = 0; i < starts.length; i++) {
      if (starts[i] > w) {
        return [lo, starts[i]];
      }
      lo = starts[i];
    }
    return [lo, n];
  }

  // ---- The index ----

  var FORMAT = 8; // of the index files (staticVersion in static.go)
  var MAX_QUERY_BYTES = 1000;
  var MAX_WORDS = 24;
  var MIN_FUZZY = 5;
  var COMMON_SHARE = 0.3;
  var MOST_WORDS = 0.75;
  var NUMBER_CONTEXT = 3;
  var RERANK_DEPTH = 30;
  var BOOST = { all: 1, exact: 2, pair: 3, phrase: 2, num: 1 };
  var WEIGHT = { bleve: 0.5, headRun: 2, textRun: 1, whole: 1, coverage: 1.5, number: 1, agency: 0.05 };
  var CITATION_WORDS = 4;
  var SNIPPET_WORDS = 28;

  function Index(base) {
    this.base = base;
    this.meta = null;
    this.fields = { terms: Object.create(null), pairs: Object.create(null), num: Object.create(null) };
    this.parts = {}; // files whose data has been added
    this.decoded = { terms: new Map(), pairs: new Map(), num: new Map() };
    this.coded = []; // each document's text as loaded (decodeText)
    this.texts = []; // … and decoded, once a query reads it
    this.analysed = new Map(); // document → analyse(text)
    this.files = {}; // file name → Promise
    this.loadedNames = [];
    this.termList = null;
  }

  // file loads one file of the index with a <script> element.
  Index.prototype.file = function (name) {
    var self = this;
    if (!this.files[name] && this.parts[name]) {
      this.files[name] = Promise.resolve(); // inlined in the page
    }
    if (!this.files[name]) {
      this.files[name] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = self.base + name;
        // A file that fails is asked for again by the next query.
        function failed(msg) {
          delete pending[self.base + name];
          delete self.files[name];
          s.remove();
          reject(new Error(msg));
        }
        s.onload = function () {
          if (pending[self.base + name]) {
            failed(name + " is not a file of this build's search index: reload the page");
            return;
          }
          self.loadedNames.push(name);
          resolve();
        };
        s.onerror = function () {
          failed("cannot load " + name);
        };
        pending[self.base + name] = self;
        document.head.appendChild(s);
      });
    }
    return this.files[name];
  };

  // only keeps, from now on, the documents whose URL keep accepts: the
  // single file of `kehoach build --single-file` leaves some pages out.
  Index.prototype.only = function (keep) {
    this.keep = keep;
    this.kept = new Map();
  };

  Index.prototype.allowed = function (doc) {
    if (!this.keep) {
      return true;
    }
    var k = this.kept.get(doc);
    if (k === undefined) {
      k = !!this.keep(this.meta.docs[doc][0]);
      this.kept.set(doc, k);
    }
    return k;
  };

  // add takes in the data of one file, unless it is of another format or
  // of another build than index.js (an old file kept in a cache): then it
  // returns false.
  Index.prototype.add = function (d) {
    if (d.v !== FORMAT) {
      return false; // written by another version of kehoach
    }
    var first = d.part === "all" || d.part === "meta";
    if (!first && d.id && (!this.meta || d.id !== this.meta.id)) {
      return false;
    }
    if (d.heads && !this.meta.docs) {
      return false; // a text chunk adds to the document table, which is not there yet
    }
    if (d.vocab) {
      this.vocab = d.vocab;
    }
    if (first) {
      this.meta = d;
      this.parts["index.js"] = true;
    } else {
      this.parts[d.part + ".js"] = true;
    }
    if (d.part === "d") { // a split index's document table
      this.meta.docs = d.docs;
    }
    var self = this;
    ["terms", "pairs", "num"].forEach(function (f) {
      if (d[f]) {
        Object.assign(self.fields[f], d[f]);
      }
    });
    if (d.texts) {
      var first = d.first || 0;
      d.texts.forEach(function (t, i) {
        self.coded[first + i] = t;
      });
      // A split index keeps titles, sections and addresses beside the texts.
      (d.heads || []).forEach(function (h, i) {
        var doc = self.meta.docs[first + i];
        doc[1] = h[0];
        doc[2] = h[1];
        doc[0] = h[2];
        if (h[3]) {
          doc[8] = h[3];
        }
        if (h[4]) {
          doc[9] = h[4];
        }
      });
    }
    this.termList = null;
    return true;
  };

  // pending maps the address of a script being loaded to its index.
  var pending = {};

  // Postings digits (appendNumber in static.go): base 32, a number's last
  // digit from "0"–"9", "a"–"v" and the others from "A"–"Z", "w"–"z", "-",
  // "_"; ":" before a count. DIGITS maps a character's code to its value,
  // plus 32 for the digits before the last.
  var COUNT = 58; // ":"
  var DIGITS = (function () {
    var t = new Uint8Array(128);
    var last = "0123456789abcdefghijklmnopqrstuv";
    var more = "ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz-_";
    for (var i = 0; i < 32; i++) {
      t[last.charCodeAt(i)] = i;
      t[more.charCodeAt(i)] = 32 + i;
    }
    return t;
  })();

  // postings decodes a term's postings: {docs, counts}.
  Index.prototype.postings = function (field, term) {
    var cache = this.decoded[field];
    var p = cache.get(term);
    if (p) {
      return p;
    }
    p = { docs: [], counts: [] };
    var raw = this.fields[field][term];
    if (raw !== undefined) {
      var doc = 0;
      var n = 0;
      var count = false;
      for (var i = 0; i < raw.length; i++) {
        var c = raw.charCodeAt(i);
        if (c === COUNT) {
          count = true;
          continue;
        }
        var d = DIGITS[c];
        n = n * 32 + (d & 31);
        if (d < 32) { // a number's last digit
          if (count) {
            p.counts[p.counts.length - 1] = n;
          } else {
            doc += n;
            p.docs.push(doc);
            p.counts.push(1);
          }
          n = 0;
          count = false;
        }
      }
    }
    cache.set(term, p);
    return p;
  };

  Index.prototype.df = function (field, term) {
    return this.postings(field, term).docs.length;
  };

  Index.prototype.idf = function (df) {
    return 1 + Math.log(this.meta.n / (df + 1));
  };

  // norms are 1/sqrt(length) of each document's field, as bleve's scoring
  // weighs a match by its field's length.
  Index.prototype.norms = function (field) {
    if (!this.normCache) {
      this.normCache = {};
    }
    var norms = this.normCache[field];
    if (!norms) {
      var col = { terms: 5, pairs: 6, num: 7 }[field];
      var docs = this.meta.docs;
      norms = this.normCache[field] = new Float64Array(docs.length);
      for (var i = 0; i < docs.length; i++) {
        norms[i] = 1 / Math.sqrt(Math.max(1, docs[i][col]));
      }
    }
    return norms;
  };

  // accumulate adds a term's score in each document holding it, as bleve's
  // TF-IDF gives it (up to the query's norm, which ranking divides out), to
  // score, counts the match in hits, and returns the documents matched
  // for the first time.
  Index.prototype.accumulate = function (field, term, boost, score, hits) {
    var p = this.postings(field, term);
    var idf = this.idf(p.docs.length);
    var w = boost * idf * idf;
    var norms = this.norms(field);
    var fresh = [];
    for (var i = 0; i < p.docs.length; i++) {
      var d = p.docs[i];
      if (hits[d]++ === 0) {
        fresh.push(d);
      }
      score[d] += w * Math.sqrt(p.counts[i]) * norms[d];
    }
    return fresh;
  };

  // eachToken calls fn with each token of a text written as the numbers
  // of its tokens in the table tokens (textcodec.go): a string of numbers
  // in postings digits, or a list of it and the tokens written out, for
  // which 0 stands.
  function eachToken(coded, tokens, fn) {
    var codes = typeof coded === "string" ? coded : coded[0];
    var next = 1; // the next token written out
    for (var i = 0, n = 0; i < codes.length; i++) {
      var d = DIGITS[codes.charCodeAt(i)];
      n = n * 32 + (d & 31);
      if (d < 32) {
        fn(n === 0 ? coded[next++] : tokens[n - 1]);
        n = 0;
      }
    }
  }

  function decodeText(coded, tokens) {
    var out = [];
    eachToken(coded, tokens, function (tok) { out.push(tok); });
    return out.join("");
  }

  // text is a document's text, or undefined while its text chunk is not
  // loaded.
  Index.prototype.text = function (doc) {
    var t = this.texts[doc];
    if (t === undefined && this.coded[doc] !== undefined) {
      t = this.texts[doc] = decodeText(this.coded[doc], this.meta.tokens);
    }
    return t;
  };

  // words is the analysis of a document's text (empty while its text
  // chunk is not loaded).
  Index.prototype.words = function (doc) {
    var a = this.analysed.get(doc);
    if (!a) {
      var text = this.text(doc);
      if (text === undefined) {
        return analyse("");
      }
      a = analyse(text);
      this.analysed.set(doc, a);
    }
    return a;
  };

  // shardOf is the shard a folded term is filed under (static.go keys):
  // the one of the longest key its stem (first letters and digits, six at
  // most) starts with. A pair of words is in the shard of one of its words.
  function shardOf(shards, folded) {
    var stem = /^[a-z0-9]{0,6}/.exec(folded)[0];
    for (var n = stem.length; n >= 0; n--) {
      var s = shards[stem.slice(0, n)];
      if (s !== undefined) {
        return s;
      }
    }
    return undefined;
  }

  // shardFiles are the files a query needs to find its documents besides
  // index.js, which names them: the document table and the term shards of
  // its words (none when not split).
  Index.prototype.shardFiles = function (p) {
    var shards = this.meta.shards;
    if (!shards) {
      return [];
    }
    var files = { "d.js": 1 };
    p.all().map(function (w) { return w.folded; }).concat(p.numbers).forEach(function (t) {
      var s = shardOf(shards, t);
      if (s !== undefined) {
        files["t" + s + ".js"] = 1;
      }
    });
    return Object.keys(files);
  };

  // textFiles are the text chunks holding docs (none when not split).
  Index.prototype.textFiles = function (docs) {
    var chunk = this.meta.chunk;
    var self = this;
    if (!chunk) {
      return [];
    }
    var files = {};
    docs.forEach(function (d) {
      if (self.coded[d] === undefined) {
        files["x" + Math.floor(d / chunk) + ".js"] = 1;
      }
    });
    return Object.keys(files);
  };

  // warm loads, before any query, what every query needs: index.js, and
  // the document table of a split index or the text chunks of an index
  // loaded whole (which the search page preloads).
  Index.prototype.warm = function () {
    var self = this;
    return this.file("index.js").then(function () {
      if (self.meta.shards) {
        return self.load(["d.js"]);
      }
      return self.whole(self.load.bind(self));
    });
  };

  // whole makes ready an index that is not split: it loads every text
  // chunk with load and makes the pairs of words from the texts, which
  // its index.js leaves out (they were most of its weight).
  Index.prototype.whole = function (load) {
    var self = this;
    if (this.meta.shards || this.pairsMade) {
      return Promise.resolve();
    }
    var all = [];
    for (var d = 0; d < this.meta.n; d++) {
      all.push(d);
    }
    return load(this.textFiles(all)).then(function () {
      if (!self.pairsMade) {
        self.makePairs();
      }
      self.pairsMade = true;
    });
  };

  // makePairs makes the postings of the pairs field as internal/search
  // indexes them (pairsAnalysis): the neighbouring folded words of each
  // document's title, of its section and of its text, each a line apart.
  // A text's words are read a token at a time (eachToken), each token
  // analysed once: a token holds one word or none.
  Index.prototype.makePairs = function () {
    var pairs = new Map();
    var words = new Map(); // a token → its folded word, or ""
    var tokens = this.meta.tokens;
    function line(folded, doc) {
      for (var i = 1; i < folded.length; i++) {
        var key = folded[i - 1] + " " + folded[i];
        var p = pairs.get(key);
        if (!p) {
          p = { docs: [], counts: [] };
          pairs.set(key, p);
        }
        var n = p.docs.length;
        if (n && p.docs[n - 1] === doc) {
          p.counts[n - 1]++;
        } else {
          p.docs.push(doc);
          p.counts.push(1);
        }
      }
    }
    for (var doc = 0; doc < this.meta.n; doc++) {
      var d = this.meta.docs[doc];
      line(analyse(d[1]).folded, doc);
      line(analyse(d[2]).folded, doc);
      var folded = [];
      var spaced = []; // as spacedWords: a token of other characters than spaces between two words breaks
      var clean = false;
      eachToken(this.coded[doc], tokens, function (tok) {
        var w = words.get(tok);
        if (w === undefined) {
          w = analyse(tok).folded[0] || "";
          words.set(tok, w);
        }
        if (w !== "") {
          folded.push(w);
          spaced.push(clean);
          clean = true; // a word's token ends with the spaces after it
        } else if (!SPACES.test(tok)) {
          clean = false;
        }
      });
      meritFold(folded, spaced);
      line(folded, doc);
    }
    this.decoded.pairs = pairs;
  };

  Index.prototype.load = function (names) {
    var self = this;
    return Promise.all(names.map(function (n) { return self.file(n); }));
  };

  // numbers are the index terms of the documents text cites.
  Index.prototype.numbers = function (text) {
    return numberTerms(text, this.meta.types);
  };

  // ---- Queries: internal/search/query.go ----

  function Query(q, types) {
    this.words = [];
    this.phrases = [];
    this.numbers = [];
    this.ranges = [];
    q = q.replace(/[\p{Cc}\ud800-\udfff]/gu, " ").normalize("NFC"); // in u mode, only lone surrogates
    var parts = q.replace(/[“”„]/g, "\"").split("\"");
    if (parts.length % 2 === 0) {
      parts[parts.length - 2] += " " + parts.pop();
    }
    for (var i = 0; i < parts.length; i++) {
      if (i % 2 === 1) {
        var ws = toWords(parts[i]);
        readNumerals(ws);
        if (ws.length) {
          this.phrases.push(ws);
        }
      } else {
        this.addFree(parts[i], types);
      }
    }
    this.words = this.words.slice(0, MAX_WORDS);
  }

  // spellings is query.go's: a set of words as a query word is compared
  // with them, by exact spelling when typed with diacritics, else folded
  // ("dau" is more often "đầu" than "đâu").
  function spellings(words) {
    var s = { exact: {}, folded: {} };
    words.forEach(function (w) {
      var sw = searchWord(w);
      s.exact[sw.exact] = true;
      if (w !== "đâu") { // "dau" is more often "đầu" or "dấu"
        s.folded[sw.folded] = true;
      }
    });
    return s;
  }

  function hasSpelling(s, w) {
    return hasMarks(w.raw) ? s.exact[w.exactForm] === true : s.folded[w.folded] === true;
  }

  // FUNCTION_WORDS, QUESTION_PAIRS and ASKING_WORDS are query.go's
  // functionWords, questionPairs and askingWords.
  var FUNCTION_WORDS = spellings(["gì", "nào", "đâu", "là", "những", "nhưng", "các", "của", "được", "phải", "này"]);
  var QUESTION_PAIRS = [[spellings(["bao"]), spellings(["nhiêu"])], [spellings(["bao"]), spellings(["giờ"])], [spellings(["khi"]), spellings(["nào"])],
    [spellings(["thời"]), spellings(["hạn"])]];
  var ASKING_WORDS = {
    lam: { spellings: spellings(["làm"]), before: "gi" },
    the: { spellings: spellings(["thế"]), before: "nao" },
    nhu: { spellings: spellings(["như"]), before: "the" }
  };

  // markFunctionWords is query.go's: the function words of a run of free
  // words, and the asking words before their question words.
  function markFunctionWords(ws) {
    ws.forEach(function (w) { w.function = hasSpelling(FUNCTION_WORDS, w); });
    for (var j = 0; j + 1 < ws.length; j++) {
      QUESTION_PAIRS.forEach(function (pair) {
        if (hasSpelling(pair[0], ws[j]) && hasSpelling(pair[1], ws[j + 1])) {
          ws[j].function = ws[j + 1].function = true;
        }
      });
    }
    for (var i = ws.length - 2; i >= 0; i--) {
      var asking = Object.prototype.hasOwnProperty.call(ASKING_WORDS, ws[i].folded) ? ASKING_WORDS[ws[i].folded] : null;
      var k = i + 1;
      while (k + 1 < ws.length && ws[k].function && (ws[k].folded === "nhung" || ws[k].folded === "cac")) {
        k++; // "làm những gì", "làm các gì"
      }
      if (asking && hasSpelling(asking.spellings, ws[i]) && ws[k].folded === asking.before && ws[k].function) {
        ws[i].function = true;
      }
    }
  }

  // readNumerals is query.go's: a quarter first, then the number of merits.
  function readNumerals(ws) {
    quarterNumerals(ws);
    meritNumerals(ws);
  }

  // quarterNumerals is query.go's: "quý 4" (or "quí 4") is "Quý IV".
  var ROMAN_QUARTERS = { 1: "i", 2: "ii", 3: "iii", 4: "iv" };
  function quarterNumerals(ws) {
    for (var i = 1; i < ws.length; i++) {
      var f = ws[i].folded;
      if (Object.prototype.hasOwnProperty.call(ROMAN_QUARTERS, f) && (ws[i - 1].folded === "quy" || ws[i - 1].folded === "qui")) {
        ws[i].folded = ws[i].exactForm = ROMAN_QUARTERS[f];
      }
    }
  }

  // meritNumber, meritFold and meritNumerals are merit.go's: "chi bộ 4 tốt"
  // is a spelling of "chi bộ bốn tốt", in texts and queries alike.
  var MERIT_WORDS = { 1: "mot", 2: "hai", 3: "ba", 4: "bon", 6: "sau", 7: "bay", 8: "tam", 9: "chin", 10: "muoi" };
  var NOT_MERIT = { nghiep: 1, nhat: 1, hon: 1, dep: 1 };
  function meritNumber(folded, spaced, i) {
    var own = Object.prototype.hasOwnProperty;
    if (!own.call(MERIT_WORDS, folded[i]) || i + 1 >= folded.length || folded[i + 1] !== "tot" || !spaced[i + 1] ||
        i > 0 && (folded[i - 1] === "quy" || folded[i - 1] === "qui")) {
      return "";
    }
    if (i + 2 < folded.length && spaced[i + 2] && own.call(NOT_MERIT, folded[i + 2])) {
      return "";
    }
    return MERIT_WORDS[folded[i]];
  }
  function meritFold(folded, spaced) {
    for (var i = 0; i < folded.length; i++) {
      var n = meritNumber(folded, spaced, i);
      if (n) {
        folded[i] = n;
      }
    }
  }
  function meritNumerals(ws) {
    var folded = ws.map(function (w) { return w.folded; });
    meritFold(folded, ws.map(function (w) { return w.spaced; }));
    ws.forEach(function (w, i) {
      w.folded = folded[i];
    });
  }

  function toWords(text) {
    var sp = spans(text);
    var spaced = spacedWords(text, sp);
    return sp.map(function (s, i) {
      var raw = text.slice(s[0], s[1]);
      var w = searchWord(raw);
      return { raw: raw, exactForm: w.exact, folded: w.folded, spaced: spaced[i], corrected: false, optional: false, function: false };
    });
  }

  // exactOf is the spelling a query word asks for, or "" for any.
  function exactOf(w) {
    return hasMarks(w.raw) && !w.corrected ? w.exactForm : "";
  }

  Query.prototype.addFree = function (text, types) {
    var self = this;
    var items = queryItems(text);
    text = items.text;
    items.terms.forEach(function (t) { self.numbers.push(t); });
    citations(text, types).forEach(function (c) {
      self.numbers.push(c.issuer ? c.term + "-" + c.issuer : c.term);
      text = text.slice(0, c.start) + " ".repeat(c.end - c.start) + text.slice(c.end);
    });
    // query.go's numberRange.
    (text.match(/\d+(?:[\t\n\f\r \p{Zs}]*[-–][\t\n\f\r \p{Zs}]*\d+)+/gu) || []).forEach(function (r) {
      var rws = toWords(r);
      if (rws.length === 2) {
        self.ranges.push([rws[0].folded, rws[1].folded]);
      }
    });
    var ws = toWords(text);
    markFunctionWords(ws);
    readNumerals(ws);
    var folded = ws.map(function (w) { return w.folded; });
    for (var i = 0; i < ws.length;) {
      var nt = numberTerm(folded, i, types);
      if (nt[1] > 0) {
        this.numbers.push(nt[0]);
        i += nt[1];
        continue;
      }
      this.words.push(ws[i]);
      i++;
    }
  };

  Query.prototype.all = function () {
    var out = this.words.slice();
    this.phrases.forEach(function (ph) {
      out = out.concat(ph);
    });
    return out;
  };

  Query.prototype.empty = function () {
    return !this.words.length && !this.phrases.length && !this.numbers.length;
  };

  // pairs are the neighbouring words of the query, within its free words
  // and within each phrase, as "a\u0000b".
  Query.prototype.pairs = function () {
    var out = {};
    [this.words].concat(this.phrases).forEach(function (run) {
      for (var i = 1; i < run.length; i++) {
        out[run[i - 1].folded + "\u0000" + run[i].folded] = true;
      }
    });
    return out;
  };

  // correct replaces each long word the index does not know by its most
  // frequent word one letter away, and marks common and unknown words
  // optional (correct.go).
  Index.prototype.correct = function (p) {
    var n = this.meta.n;
    var self = this;
    p.words.forEach(function (w) {
      var df = self.df("terms", w.folded);
      w.optional = df === 0 || df > COMMON_SHARE * n;
      if (df > 0 || Array.from(w.folded).length < MIN_FUZZY) {
        return;
      }
      var best = self.nearest(w.folded);
      if (best) {
        w.folded = best;
        w.corrected = true;
        w.optional = false;
      }
    });
  };

  // nearest is the most frequent word within one edit of term, as bleve's
  // fuzzy dictionary finds them (correct.go).
  // unknownWords reports whether a query word long enough to correct is
  // not in the index.
  Index.prototype.unknownWords = function (p) {
    var self = this;
    return p.words.some(function (w) {
      return Array.from(w.folded).length >= MIN_FUZZY && self.df("terms", w.folded) === 0;
    });
  };

  Index.prototype.nearest = function (term) {
    if (!this.termList) {
      this.termList = Object.keys(this.vocab || this.fields.terms);
    }
    var best = "";
    var count = 0;
    for (var i = 0; i < this.termList.length; i++) {
      var t = this.termList[i];
      if (Math.abs(t.length - term.length) > 2 || !withinOneEdit(term, t)) {
        continue;
      }
      var c = this.vocab ? this.vocab[t] : this.df("terms", t);
      if (best === "" || c > count || c === count && t < best) {
        best = t;
        count = c;
      }
    }
    return best;
  };

  // ---- Matching and scoring: the bleve query of query.go ----

  // match finds the documents that answer p, each with its score: the
  // bleve query of query.go, evaluated a term at a time.
  Index.prototype.match = function (p, req, every) {
    var self = this;
    var n = this.meta.n;
    var content = p.phrases.length > 0 || p.numbers.length > 0 || p.words.some(function (w) { return !w.function; });
    // query.go's clauses: common words are optional beside rare ones, unless
    // the rare ones are fewer than a third of them.
    var rare = p.words.filter(function (w) { return !w.optional && !w.function; }).length;
    var common = p.words.filter(function (w) { return w.optional && !w.function; }).length;
    var required = rare > 0 && rare * 3 >= common;
    var free = [];
    var exacts = [];
    p.words.forEach(function (w) {
      if (w.optional && required || w.function && content) {
        return;
      }
      free.push(w.folded);
      var e = exactOf(w);
      if (e) {
        exacts.push(e);
      }
    });
    var allMust = free.length <= 2 && every;
    var need = allMust ? free.length : free.length ? (every ? Math.ceil(MOST_WORDS * free.length) : 1) : 0;
    // The free words: candidates are the documents holding any.
    var freeScore = new Float64Array(n);
    var freeHits = new Uint16Array(n);
    var cands = [];
    free.forEach(function (f) {
      cands = cands.concat(self.accumulate("terms", f, BOOST.all, freeScore, freeHits));
    });
    // Document numbers and phrases: every one is required, but the numbers
    // of a query of NUMBER_CONTEXT words or more, or with an item, which
    // rank instead; and one of the items asked for, which weigh nothing.
    var mustScore = new Float64Array(n);
    var mustHits = new Uint16Array(n);
    var musts = 0;
    var context = free.length >= NUMBER_CONTEXT;
    var items = context ? [] : p.numbers.filter(isItemTerm);
    var numbers = p.numbers.filter(function (t) { return !isItemTerm(t); });
    var ranked = context || items.length ? numbers : []; // numbers that rank, below
    var mustNumbers = context || items.length ? [] : numbers;
    mustNumbers.forEach(function (t) {
      var fresh = self.accumulate("num", t, BOOST.num, mustScore, mustHits);
      musts++;
      if (!free.length && musts === 1) {
        cands = fresh;
      }
    });
    if (items.length) {
      var itemHits = new Uint16Array(n);
      var found = [];
      items.forEach(function (t) {
        found = found.concat(self.accumulate("num", t, 0, new Float64Array(n), itemHits));
      });
      found.forEach(function (d) { mustHits[d]++; });
      musts++;
      if (!free.length && musts === 1) {
        cands = found;
      }
    }
    // Phrases, then number ranges: their numbers side by side.
    var ranges = p.ranges.map(function (r) { return [{ folded: r[0] }, { folded: r[1] }]; });
    p.phrases.concat(ranges).forEach(function (ph) {
      var score = new Float64Array(n);
      var hits = new Uint16Array(n);
      var fresh = ph.length === 1 ? self.accumulate("terms", ph[0].folded, BOOST.all, score, hits) : [];
      for (var i = 1; i < ph.length; i++) {
        var f = self.accumulate("pairs", ph[i - 1].folded + " " + ph[i].folded, BOOST.phrase, score, new Uint16Array(n));
        if (i === 1) {
          fresh = f;
        }
        f.forEach(function (d) { hits[d]++; });
      }
      var whole = Math.max(1, ph.length - 1);
      fresh = fresh.filter(function (d) { return hits[d] === whole; });
      fresh.forEach(function (d) {
        mustHits[d]++;
        mustScore[d] += score[d];
      });
      musts++;
      if (!free.length && musts === 1) {
        cands = fresh;
      }
    });
    // Should: exact spellings and neighbouring words.
    var pairs = [];
    for (var i = 1; i < p.words.length; i++) {
      pairs.push(p.words[i - 1].folded + " " + p.words[i].folded);
    }
    var shouldScore = new Float64Array(n);
    var shouldHits = new Uint16Array(n);
    exacts.forEach(function (e) { self.accumulate("terms", e, BOOST.exact, shouldScore, shouldHits); });
    ranked.forEach(function (t) { self.accumulate("num", t, BOOST.num, shouldScore, shouldHits); });
    pairs.forEach(function (pr) { self.accumulate("pairs", pr, BOOST.pair, shouldScore, shouldHits); });
    var shoulds = exacts.length + ranked.length + pairs.length;
    var kindScore = req.kind ? this.kindWeight(req.kind) : 0;
    var out = [];
    cands.forEach(function (doc) {
      if (freeHits[doc] < need || mustHits[doc] < musts) {
        return;
      }
      var d = self.meta.docs[doc];
      if (req.kind && d[3] !== req.kind || req.agency && d[4].indexOf(req.agency) < 0 || !self.allowed(doc)) {
        return;
      }
      var score = allMust || !free.length ? freeScore[doc] : freeScore[doc] * freeHits[doc] / free.length;
      score += mustScore[doc] + kindScore + (req.agency ? self.agencyWeight(req.agency, doc) : 0);
      if (shouldHits[doc]) {
        score += shouldScore[doc] * shouldHits[doc] / shoulds;
      }
      out.push({ doc: doc, score: score });
    });
    return out;
  };

  // kindWeight is what the kind filter adds to every match: its term's
  // weight in a field of one value.
  Index.prototype.kindWeight = function (kind) {
    var df = this.meta.docs.filter(function (d) { return d[3] === kind; }).length;
    var idf = this.idf(df);
    return idf * idf;
  };

  // agencyWeight is what the agency filter adds to a match: bleve weighs
  // the term by the number of agencies the document has.
  Index.prototype.agencyWeight = function (agency, doc) {
    if (!this.agencyIDF || this.agencyIDF[0] !== agency) {
      var df = this.meta.docs.filter(function (d) { return d[4].indexOf(agency) >= 0; }).length;
      this.agencyIDF = [agency, this.idf(df)];
    }
    var idf = this.agencyIDF[1];
    var list = this.meta.docs[doc][4];
    var tf = list.filter(function (a) { return a === agency; }).length;
    return idf * idf * Math.sqrt(tf) / Math.sqrt(list.length);
  };

  // ---- Ranking: internal/search/rank.go ----

  Index.prototype.abbreviation = function (w) {
    var abbr = this.meta.abbr;
    for (var i = 0; i < abbr.length; i++) {
      if (abbr[i][0] === w) {
        return abbr[i][1];
      }
    }
    return "";
  };

  // qterms is every word the query asks for, abbreviations written out.
  Index.prototype.qterms = function (p) {
    var self = this;
    var out = [];
    p.all().forEach(function (w) {
      var long = self.abbreviation(w.folded);
      if (long) {
        long.split(" ").forEach(function (f) { out.push({ folded: f, exact: "" }); });
        return;
      }
      out.push({ folded: w.folded, exact: exactOf(w) });
    });
    return out;
  };

  Index.prototype.headingWords = function (heading) {
    var a = analyse(heading);
    var w = { folded: [], exact: [] };
    for (var i = 0; i < a.folded.length; i++) {
      var long = this.abbreviation(a.folded[i]);
      if (long) {
        long.split(" ").forEach(function (f) {
          w.folded.push(f);
          w.exact.push("");
        });
        continue;
      }
      w.folded.push(a.folded[i]);
      w.exact.push(a.exact[i]);
    }
    return w;
  };

  function matches(w, i, q) {
    if (w.folded[i] !== q.folded) {
      return false;
    }
    return q.exact === "" || w.exact[i] === "" || w.exact[i] === q.exact;
  }

  function longestRun(query, w) {
    var best = 0;
    for (var i = 0; i < w.folded.length; i++) {
      for (var start = 0; start < query.length; start++) {
        var n = 0;
        while (i + n < w.folded.length && start + n < query.length && matches(w, i + n, query[start + n])) {
          n++;
        }
        best = Math.max(best, n);
      }
      if (best === query.length) {
        break;
      }
    }
    return best;
  }

  function isRoman(w) {
    return ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"].indexOf(w) >= 0;
  }

  function countWords(words) {
    return words.filter(function (w) { return !isNumber(w) && !isRoman(w); }).length;
  }

  Index.prototype.features = function (p, query, doc) {
    var d = this.meta.docs[doc];
    var types = this.meta.types;
    var f = 0;
    var headRun = 0;
    var coverage = 0;
    var self = this;
    [d[1], d[2]].forEach(function (heading) {
      var hw = self.headingWords(heading);
      var size = Math.max(1, countWords(hw.folded));
      if (query.length) {
        var run = longestRun(query, hw) / query.length;
        headRun = Math.max(headRun, run);
        if (run === 1) {
          coverage = Math.max(coverage, query.length / size);
        }
      }
      if (p.numbers.length) {
        var cited = numberTerms(heading, types);
        p.numbers.forEach(function (n) {
          if (cited.indexOf(n) >= 0) {
            f += WEIGHT.number;
            coverage = Math.max(coverage, Math.min(1, CITATION_WORDS / size));
          }
        });
      }
    });
    p.numbers.forEach(function (n) {
      if (isItem(d[0], n)) {
        f += WEIGHT.number;
      }
    });
    if (query.length) {
      var tw = this.words(doc);
      var textRun = Math.max(headRun, longestRun(query, tw) / query.length);
      f += WEIGHT.headRun * headRun + WEIGHT.textRun * textRun;
      if (textRun === 1 && query.length > 1) {
        f += WEIGHT.whole;
      }
    }
    f += WEIGHT.coverage * coverage;
    if (d[3] === "agency") {
      f += WEIGHT.agency;
    }
    return f;
  };

  // tied is rank.go's: a score rounded to six decimals for ordering, so that
  // scores that differ from Go's in the eighth decimal order as Go's do.
  function tied(score) {
    return Math.round(score * 1e6) / 1e6;
  }

  Index.prototype.rerank = function (p, cands) {
    var n = Math.min(cands.length, RERANK_DEPTH);
    if (n < 2) {
      return cands;
    }
    var query = this.qterms(p);
    var top = cands[0].score;
    var docs = this.meta.docs;
    for (var i = 0; i < n; i++) {
      var bleve = top > 0 ? WEIGHT.bleve * cands[i].score / top : 0; // only items asked for weigh nothing
      cands[i].score = bleve + this.features(p, query, cands[i].doc);
    }
    var head = cands.slice(0, n).sort(function (a, b) {
      return tied(b.score) - tied(a.score) || (docs[a.doc][0] < docs[b.doc][0] ? -1 : docs[a.doc][0] > docs[b.doc][0] ? 1 : 0);
    });
    return head.concat(cands.slice(n));
  };

  // spellingNotes is approximate.go's: the query's words, as typed, that
  // the documents docs hold only in another spelling or corrected
  // (approximate), and those they do not hold (missing), as the index has
  // them.
  Index.prototype.spellingNotes = function (p, docs) {
    var self = this;
    var out = { approximate: [], missing: [] };
    if (!docs.length) {
      return out;
    }
    function holding(term) {
      var held = {};
      var list = self.postings("terms", term).docs; // ascending
      docs.forEach(function (d) {
        var lo = 0;
        var hi = list.length;
        while (lo < hi) {
          var mid = (lo + hi) >> 1;
          if (list[mid] < d) {
            lo = mid + 1;
          } else {
            hi = mid;
          }
        }
        held[d] = list[lo] === d;
      });
      return held;
    }
    // misspells is record.misspells: a word of the document's title,
    // section or text that folds to folded.
    function misspells(doc, folded) {
      var d = self.meta.docs[doc];
      return [analyse(d[1]), analyse(d[2]), self.words(doc)].some(function (a) {
        for (var i = 0; i < a.folded.length; i++) {
          if (a.folded[i] === folded && fold(a.exact[i]) === folded) {
            return true;
          }
        }
        return false;
      });
    }
    var seen = [];
    p.all().forEach(function (w) {
      var exact = exactOf(w);
      var key = w.folded + " " + exact; // once per word asked ("Hóa … hóa")
      if (w.function || seen.indexOf(key) >= 0) {
        return;
      }
      seen.push(key);
      var held = holding(w.folded);
      var spelled = exact ? holding(exact) : {};
      var found = false;
      var other = true; // every document holding it spells it otherwise
      docs.forEach(function (doc) {
        if (!held[doc]) {
          return;
        }
        found = true;
        if (!exact || spelled[doc] || !misspells(doc, w.folded)) {
          other = false;
        }
      });
      if (!found) {
        out.missing.push(w.raw);
      } else if (w.corrected || exact && other) {
        out.approximate.push(w.raw);
      }
    });
    return out;
  };

  // ---- Snippets: internal/search/snippet.go ----

  function withinOne(a, b) {
    var ra = Array.from(a);
    var rb = Array.from(b);
    if (ra.length < rb.length) {
      var t = ra;
      ra = rb;
      rb = t;
    }
    if (ra.length - rb.length > 1) {
      return false;
    }
    var i = 0;
    while (i < rb.length && ra[i] === rb[i]) {
      i++;
    }
    if (i === rb.length) {
      return true;
    }
    if (ra.length === rb.length) {
      return ra.slice(i + 1).join("") === rb.slice(i + 1).join("");
    }
    return ra.slice(i + 1).join("") === rb.slice(i).join("");
  }

  // withinOneEdit is withinOne, or two neighbouring letters swapped: the
  // edits of bleve's fuzzy dictionary.
  function withinOneEdit(a, b) {
    if (withinOne(a, b)) {
      return true;
    }
    var ra = Array.from(a);
    var rb = Array.from(b);
    if (ra.length !== rb.length) {
      return false;
    }
    var i = 0;
    while (i < ra.length && ra[i] === rb[i]) {
      i++;
    }
    return i + 1 < ra.length && ra[i] === rb[i + 1] && ra[i + 1] === rb[i] &&
      ra.slice(i + 2).join("") === rb.slice(i + 2).join("");
  }

  // Marks: abbr is the index's table of abbreviations, [short, long].
  function Marks(p, abbr) {
    var self = this;
    this.words = new Map();
    this.pairs = p.pairs();
    this.numbers = p.numbers;
    this.abbrs = new Map(); // abbreviation asked for → its long form's words
    p.all().forEach(function (w) {
      if (!self.words.has(w.folded) || self.words.get(w.folded) !== "") {
        self.words.set(w.folded, exactOf(w));
      }
    });
    var runs = [p.words].concat(p.phrases).map(function (run) {
      return " " + run.map(function (w) { return w.folded; }).join(" ") + " ";
    });
    abbr.forEach(function (a) {
      var asked = self.words.has(a[0]) || runs.some(function (run) { return run.indexOf(" " + a[1] + " ") >= 0; });
      if (asked) {
        self.abbrs.set(a[0], a[1].split(" "));
        if (!self.words.has(a[0])) {
          self.words.set(a[0], "");
        }
      }
    });
  }

  // markLongForms marks each run of the text's folded words that spells
  // the long form of an abbreviation asked for, as that abbreviation.
  function markLongForms(m, words, hit) {
    m.abbrs.forEach(function (long, short) {
      for (var i = 0; i + long.length <= words.length; i++) {
        var j = 0;
        while (j < long.length && words[i + j] === long[j]) {
          j++;
        }
        if (j === long.length) {
          for (j = 0; j < long.length; j++) {
            hit[i + j] = short;
          }
        }
      }
    });
  }

  Marks.prototype.match = function (original, folded) {
    if (!this.words.has(folded)) {
      return false;
    }
    var exact = this.words.get(folded);
    return exact === "" || searchWord(original).exact === exact;
  };

  // phrasesIn reports whether folded words hold every quoted phrase.
  function phrasesIn(p, folded) {
    if (!p.phrases.length) {
      return true;
    }
    var words = " " + folded.join(" ") + " ";
    return p.phrases.every(function (ph) {
      return words.indexOf(" " + ph.map(function (w) { return w.folded; }).join(" ") + " ") >= 0;
    });
  }

  function escapeHTML(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&#34;", "'": "&#39;" }[c];
    });
  }

  // fields is strings.Fields joined by spaces: Go's white space, which is
  // not quite JavaScript's \s.
  var SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
  function fields(s) {
    return s.split(SPACE).filter(function (x) { return x !== ""; }).join(" ");
  }

  // snippet returns the snippet's HTML and the number of the first word it
  // marks (-1 for none), which tells the place a result leads to (link).
  function snippet(text, a, m, types, places, focusAt) {
    var sp = a.spans;
    if (!sp.length) {
      return { html: escapeHTML(text), at: -1 };
    }
    // A word asked for is marked as spelt, or in any spelling in a text
    // that never spells it so (snippet.go).
    var asSpelt = new Set();
    var spelt = a.folded.map(function (f, i) {
      var ok = m.match(text.slice(sp[i][0], sp[i][1]), f);
      if (ok) {
        asSpelt.add(f);
      }
      return ok;
    });
    var hit = a.folded.map(function (f, i) {
      return m.words.has(f) && (spelt[i] || !asSpelt.has(f)) ? f : "";
    });
    markLongForms(m, a.folded, hit);
    markCitations(m, text, sp, hit, types);
    keepRuns(m, hit);
    var lo = 0; // where the passage is taken: the text, or the place in focus
    var hi = hit.length;
    var inFocus = focusAt >= 0 && focusAt < hit.length;
    if (inFocus) {
      var pf = placeOf(places, focusAt, hit.length);
      lo = pf[0];
      hi = pf[1];
    }
    var first = lo + bestWindow(hit.slice(lo, hi), SNIPPET_WORDS);
    var last = Math.min(first + SNIPPET_WORDS, sp.length) - 1;
    var at = -1;
    for (var k = first; k <= Math.min(last, hi - 1); k++) {
      if (hit[k] !== "") {
        at = k;
        break;
      }
    }
    if (at < 0 && inFocus) {
      at = lo; // the place in focus, though the query's words are not in it
    }
    var ends = -1; // the next bullet's first word, when the passage ends its own
    if (at >= 0) { // not into the next bullet, which the result does not lead to
      var pa = placeOf(places, at, hit.length);
      first = Math.max(first, pa[0]);
      last = Math.min(last, pa[1] - 1);
      if (last === pa[1] - 1 && pa[1] < hit.length) {
        ends = pa[1];
      }
    }
    var out = first > 0 ? "… " : "";
    var start = sp[first][0];
    var open = false;
    for (var i = first; i <= last; i++) {
      var gap = text.slice(start, sp[i][0]);
      var joined = open && hit[i] !== "" && gap.replace(/[ \-/]/g, "") === "";
      if (open && !joined) {
        out += "</mark>";
        open = false;
      }
      out += escapeHTML(gap);
      if (hit[i] !== "" && !open) {
        out += "<mark>";
        open = true;
      }
      out += escapeHTML(text.slice(sp[i][0], sp[i][1]));
      start = sp[i][1];
    }
    if (open) {
      out += "</mark>";
    }
    if (ends >= 0) { // its bullet's last words, and what closes it: "…)."
      out += escapeHTML(text.slice(start, sp[ends][0]).replace(/[ \t\n\r\f\v]+$/, ""));
    } else if (last + 1 < sp.length) {
      out += escapeHTML(text.slice(start, sp[last][1]).replace(/ +$/, "")) + " …";
    } else {
      out += escapeHTML(text.slice(start));
    }
    return { html: fields(out), at: at };
  }

  // link is internal/search/places.go's: where a result leads, url or the
  // place of its page that holds the word at.
  function link(url, places, at) {
    if (!places || at < 0) {
      return url;
    }
    var id = "";
    var f = places.split(" ");
    for (var i = 0; i + 1 < f.length; i += 2) {
      if (Number(f[i]) > at) {
        break;
      }
      id = f[i + 1];
    }
    if (!id) {
      return url;
    }
    var hash = url.indexOf("#");
    return (hash < 0 ? url : url.slice(0, hash)) + "#" + id;
  }

  function bestWindow(hit, n) {
    var counts = new Map();
    var distinct = 0;
    var adjacent = 0;
    var best = 0;
    var bestScore = 0;
    function together(i) {
      return i > 0 && hit[i] !== "" && hit[i - 1] !== "";
    }
    for (var end = 0; end < hit.length; end++) {
      var h = hit[end];
      if (h !== "") {
        counts.set(h, (counts.get(h) || 0) + 1);
        if (counts.get(h) === 1) {
          distinct++;
        }
      }
      if (together(end) && end - n + 1 <= end - 1) {
        adjacent++;
      }
      var out = end - n;
      if (out >= 0) {
        if (hit[out] !== "") {
          counts.set(hit[out], counts.get(hit[out]) - 1);
          if (counts.get(hit[out]) === 0) {
            distinct--;
          }
        }
        if (together(out + 1)) {
          adjacent--;
        }
      }
      var score = distinct * n + adjacent;
      if (score > bestScore) {
        best = Math.max(0, end - n + 1);
        bestScore = score;
      }
    }
    if (bestScore === 0) {
      return 0;
    }
    while (best < hit.length && hit[best] === "") {
      best++;
    }
    return Math.max(0, best - 3);
  }

  function markCitations(m, text, sp, hit, types) {
    if (!m.numbers.length) {
      return;
    }
    citations(text, types).forEach(function (c) {
      if (m.numbers.indexOf(c.term) < 0 && m.numbers.indexOf(c.term + "-" + c.issuer) < 0) {
        return;
      }
      sp.forEach(function (s, i) {
        if (s[0] >= c.start && s[1] <= c.end) {
          hit[i] = c.term;
        }
      });
    });
  }

  function keepRuns(m, hit) {
    function together(i) {
      var a = hit[i - 1];
      var b = hit[i];
      return a !== "" && b !== "" && (m.pairs[a + "\u0000" + b] || a === b && a.indexOf("-") >= 0);
    }
    function paired(i) {
      return hit[i] !== "" && (m.abbrs.has(hit[i]) || i > 0 && together(i) || i + 1 < hit.length && together(i + 1));
    }
    var keep = hit.map(function (_, i) { return paired(i); });
    if (!keep.some(Boolean)) {
      return;
    }
    for (var i = 0; i < hit.length; i++) {
      if (!keep[i]) {
        hit[i] = "";
      }
    }
  }

  // ---- Searching: internal/search/search.go ----

  function utf8Length(s) {
    return unescape(encodeURIComponent(s.replace(/[\ud800-\udfff]/g, "?"))).length;
  }

  function badQuery(msg) {
    var e = new Error(msg);
    e.status = 400;
    return e;
  }

  function facets(idx, matched) {
    var kind = new Map();
    var agency = new Map();
    matched.forEach(function (m) {
      var d = idx.meta.docs[m.doc];
      kind.set(d[3], (kind.get(d[3]) || 0) + 1);
      d[4].forEach(function (a, i) {
        if (d[4].indexOf(a) === i) { // a document counts once per value
          agency.set(a, (agency.get(a) || 0) + 1);
        }
      });
    });
    function list(counts, size) {
      var out = [];
      counts.forEach(function (count, value) { out.push({ value: value, count: count }); });
      out.sort(function (a, b) { return b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0); });
      return out.slice(0, size);
    }
    return { kind: list(kind, 10), agency: list(agency, 50) };
  }

  // best is the first size matches, by score and then by document number
  // as a string (bleve's order: "-_score", "_id").
  function best(matched, size) {
    var some = matched;
    if (matched.length > 4 * size) { // sort only those that can be among the first
      var scores = Float64Array.from(matched, function (m) { return m.score; }).sort();
      var cut = scores[scores.length - size];
      some = matched.filter(function (m) { return m.score >= cut; });
    }
    return some.slice().sort(function (a, b) {
      return b.score - a.score || (String(a.doc) < String(b.doc) ? -1 : 1);
    }).slice(0, size);
  }

  // search answers req ({query, kind, agency, limit}) as the API does.
  // req.current, when given, says whether its answer is still wanted: a
  // query replaced by a newer one (a letter typed since) stops before it
  // asks for more files, which on a slow link would hold up the newer
  // query's files behind its own.
  Index.prototype.search = function (req) {
    var start = performance.now();
    var self = this;
    function load(names) {
      if (req.current && !req.current()) {
        throw new Error("a newer query replaced this one");
      }
      return self.load(names);
    }
    if (utf8Length(req.query) > MAX_QUERY_BYTES) {
      return Promise.reject(badQuery("the query is longer than " + MAX_QUERY_BYTES + " bytes"));
    }
    var limit = req.limit || 10;
    if (limit < 0 || limit > 100) {
      return Promise.reject(badQuery("limit must be between 1 and 100"));
    }
    if (req.kind && ["plan", "guidance", "task", "agency", "update", "page"].indexOf(req.kind) < 0) {
      return Promise.reject(badQuery("unknown kind \"" + req.kind + "\" (want plan, guidance, task, agency, update or page)"));
    }
    var p;
    var res = { query: req.query, total: 0, took_ms: 0, hits: [], facets: { kind: [], agency: [] } };
    var matched;
    var cands;
    return this.file("index.js").then(function () {
      p = new Query(req.query, self.meta.types);
      return load(self.shardFiles(p));
    }).then(function () {
      // A split index keeps its whole vocabulary apart, for typo correction.
      return self.meta.shards && self.unknownWords(p) ? load(["w.js"]) : null;
    }).then(function () {
      self.correct(p);
      return load(self.shardFiles(p)); // corrected words may be in other shards
    }).then(function () {
      return self.whole(load);
    }).then(function () {
      if (p.empty()) {
        return null;
      }
      if (req.agency && !self.meta.docs.some(function (d) { return d[4].indexOf(req.agency) >= 0; })) {
        throw badQuery("unknown agency \"" + req.agency + "\" (want the slug of one, such as ban-to-chuc)");
      }
      matched = self.match(p, req, true);
      if (!matched.length && p.ranges.length) {
        p.ranges = []; // no document has the range: its numbers, anywhere
        matched = self.match(p, req, true);
      }
      if (!matched.length && p.words.length > 1) {
        matched = self.match(p, req, false);
      }
      var size = Math.max(limit, RERANK_DEPTH);
      if (p.phrases.length) {
        size = Math.max(size, Math.min(4 * limit, 100));
      }
      cands = best(matched, size);
      // Texts rank the candidates and check phrases in order.
      return load(self.textFiles(cands.map(function (c) { return c.doc; })));
    }).then(function () {
      if (!p || p.empty()) {
        return null;
      }
      res.total = matched.length;
      res.facets = facets(self, matched);
      cands = self.rerank(p, cands);
      var shown = [];
      cands.forEach(function (c) {
        var d = self.meta.docs[c.doc];
        var head = analyse(d[1]).folded.concat(analyse(d[2]).folded);
        if (!phrasesIn(p, head.concat(self.words(c.doc).folded))) {
          res.total--;
          return;
        }
        if (shown.length < limit) {
          shown.push(c);
        }
      });
      res.hits = shown;
      return load(self.textFiles(shown.map(function (c) { return c.doc; })));
    }).then(function () {
      var m = new Marks(p, self.meta.abbr);
      var notes = self.spellingNotes(p, res.hits.map(function (c) { return c.doc; }));
      if (notes.approximate.length) {
        res.approximate = notes.approximate;
      }
      if (notes.missing.length) {
        res.missing = notes.missing;
      }
      res.hits = res.hits.map(function (c) {
        var d = self.meta.docs[c.doc];
        var text = self.text(c.doc) || "";
        var snip = snippet(text, self.words(c.doc), m, self.meta.types, placeStarts(d[8]), focus(p, d[8]));
        return {
          url: d[0], link: link(d[0], d[8], snip.at), title: d[1], section: d[2], kind: d[3], agency: d[4],
          snippet: snip.html, note: d[9] || undefined, score: c.score
        };
      });
      res.took_ms = performance.now() - start;
      return res;
    });
  };

  // ---- The global ----

  var indexes = {};

  global.KehoachSearch = {
    // open returns the index whose files are at base ("../search/data/").
    open: function (base) {
      if (!indexes[base]) {
        indexes[base] = new Index(base);
      }
      return indexes[base];
    },
    // add is called by each file of an index as it loads.
    add: function (data) {
      var s = document.currentScript;
      var src = s && s.getAttribute("src");
      var idx = src ? pending[src] : null;
      if (!idx) {
        idx = global.KehoachSearch.open(""); // inlined in the page
      }
      if (idx.add(data) && src) {
        delete pending[src];
      }
    },
    searchWord: searchWord,
    fold: fold,
    analyse: analyse
  };
})(window);
