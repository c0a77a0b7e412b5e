package sitegen

import (
	"errors"
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// minSentenceRunes drops headings, signatures and list fragments.
const minSentenceRunes = 40

// fallbackCorpus is used when Options.Corpus is empty: a few paragraphs of
// the plan, enough for tests.
const fallbackCorpus = `Các cấp, các ngành, tổ chức, cơ quan, đơn vị và hệ thống chính trị nhận thức đầy đủ, sâu sắc vị trí, vai trò, tầm quan trọng của việc củng cố, xây dựng tổ chức cơ sở đảng và nâng cao chất lượng đội ngũ đảng viên trong giai đoạn mới. Nêu cao trách nhiệm của các cấp ủy, tổ chức đảng, cán bộ, đảng viên, nhất là người đứng đầu trong tổ chức thực hiện Nghị quyết.

Bám sát Nghị quyết, Kế hoạch của Trung ương, Tỉnh ủy để tổ chức nghiên cứu, học tập, quán triệt Nghị quyết, nhất là những quan điểm, mục tiêu, nhiệm vụ, giải pháp chủ yếu trong Nghị quyết số 21-NQ/TW. Chủ động xây dựng chương trình, kế hoạch triển khai thực hiện, đề ra mục tiêu, lộ trình thực hiện.

- Kiện toàn tổ chức cơ sở đảng đồng bộ với đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị và công tác cán bộ. Triển khai thực hiện mô hình “chi bộ bốn tốt”, “đảng bộ cơ sở bốn tốt” (*Hoàn thành tốt nhiệm vụ chính trị; chất lượng sinh hoạt tốt; đoàn kết, kỷ luật tốt; cán bộ, đảng viên tốt*), hằng năm tổng kết rút kinh nghiệm, nhân rộng mô hình hoạt động hiệu quả.

- Tham mưu Ban Thường vụ Tỉnh ủy ban hành hướng dẫn việc tổ chức thí điểm sinh hoạt đảng trực tuyến ở một số đảng bộ cơ sở, chi bộ có tính chất đặc thù (**Thực hiện trong Quý IV năm 2022**).

- Thực hiện nghiêm chế độ sinh hoạt chi bộ, sinh hoạt cấp uỷ; bảo đảm nguyên tắc tập trung dân chủ, nêu cao tinh thần tự phê bình và phê bình, đoàn kết nội bộ. Chú trọng công tác giáo dục chính trị tư tưởng; kịp thời phát hiện, biểu dương, khen thưởng, nhân rộng tấm gương đảng viên tiêu biểu.

- Nâng cao trách nhiệm của các cấp ủy trong công tác phát triển Đảng; xây dựng và thực hiện có hiệu quả kế hoạch phát triển đảng viên của cả nhiệm kỳ và hằng năm. Tiếp tục tăng số lượng, đồng thời chú trọng nâng cao chất lượng phát triển đảng viên theo phương châm "Ở đâu có dân thì ở đó có đảng viên".

- Coi trọng tự kiểm tra, giám sát của cấp uỷ, tổ chức cơ sở đảng; kết hợp kiểm tra, giám sát thường xuyên với kiểm tra, giám sát theo chuyên đề. Tăng cường kiểm tra, giám sát của cấp uỷ và uỷ ban kiểm tra cấp trên đối với tổ chức cơ sở đảng.

- Tăng cường cải cách hành chính, ứng dụng công nghệ thông tin trong công tác đảng, công tác quản lý đảng viên và sinh hoạt đảng phù hợp với tình hình thực tiễn. Thực hiện có hiệu quả công tác quản lý cơ sở dữ liệu tổ chức cơ sở đảng, đảng viên bảo đảm đồng bộ, liên thông.
`

// corpus is the pool of sentences pages are built from.
type corpus struct {
	sentences []string
}

func newCorpus(text string) (*corpus, error) {
	if strings.TrimSpace(text) == "" {
		text = fallbackCorpus
	}
	s := SampleCorpus(text)
	if len(s) == 0 {
		return nil, errors.New("sitegen: corpus has no usable sentences")
	}
	return &corpus{sentences: s}, nil
}

// SampleCorpus splits plan text into the cleaned sentences Generate samples
// from: list markers, headings, emphasis markers, table pipes and the
// plan's deadline parentheses are removed, and fragments shorter than 40
// characters are dropped.
func SampleCorpus(planText string) []string {
	clean := cleaner()
	var out []string
	for _, para := range paragraphs(planText) {
		para = clean.Replace(stripMarker(para))
		para = dropDeadlineParens(para)
		if !hasLower(para) {
			continue // all-caps headings
		}
		for _, s := range sentencesOf(para) {
			if usable(s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// cleaner removes characters that would turn sampled text into Markdown
// syntax the page did not intend (emphasis, tables, links, code, HTML).
func cleaner() *strings.Replacer {
	return strings.NewReplacer(
		"*", "", "_", " ", "|", "/", "`", "'", "[", "(", "]", ")",
		"<", "‹", ">", "›", "\\", "/", "\t", " ",
	)
}

// paragraphs splits text on blank lines and before "- " list lines, and
// joins wrapped lines.
func paragraphs(text string) []string {
	var out, cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, " "))
			cur = nil
		}
	}
	for _, line := range strings.Split(text, "\n") {
		line = strings.Join(strings.Fields(line), " ")
		if line == "" || strings.HasPrefix(line, "- ") {
			flush()
		}
		if line != "" {
			cur = append(cur, line)
		}
	}
	flush()
	return out
}

// stripMarker removes a leading bullet, "1.", "1.1." or "IV-" marker.
func stripMarker(p string) string {
	p = strings.TrimLeft(p, "-+#> ")
	i := 0
	for i < len(p) && (p[i] >= '0' && p[i] <= '9' || p[i] == '.') {
		i++
	}
	if i > 0 && i < len(p) && p[i] == ' ' && p[i-1] == '.' {
		return strings.TrimSpace(p[i:])
	}
	j := 0
	for j < len(p) && strings.IndexByte("IVXL", p[j]) >= 0 {
		j++
	}
	if j > 0 && j < len(p) && p[j] == '-' {
		return strings.TrimSpace(p[j+1:])
	}
	return p
}

// dropDeadlineParens removes "(Thực hiện ...)" groups: sampled text must not
// carry deadlines that contradict the page's own.
func dropDeadlineParens(p string) string {
	for {
		i := strings.Index(p, "(Thực hiện")
		if i < 0 {
			return strings.ReplaceAll(p, " ()", "")
		}
		j := strings.IndexByte(p[i:], ')')
		if j < 0 {
			return strings.TrimSpace(p[:i])
		}
		p = strings.TrimRight(p[:i], " ") + p[i+j+1:]
	}
}

// usable reports whether s is long enough and starts a sentence (source
// lines broken mid-sentence leave fragments that start in lower case).
func usable(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) && utf8.RuneCountInString(s) >= minSentenceRunes
}

func hasLower(s string) bool {
	return strings.IndexFunc(s, unicode.IsLower) >= 0
}

// sentencesOf splits a paragraph after ".", "!" or "?" followed by a space
// and an upper-case letter (not after an ellipsis), and makes every
// sentence end with a full stop.
func sentencesOf(p string) []string {
	var out []string
	start := 0
	for i := 0; i < len(p); i++ {
		if !isStop(p[i]) || i+2 >= len(p) || p[i+1] != ' ' {
			continue
		}
		if i > 0 && p[i-1] == '.' {
			continue
		}
		r, _ := utf8.DecodeRuneInString(p[i+2:])
		if unicode.IsUpper(r) {
			out = append(out, finish(p[start:i+1]))
			start = i + 2
		}
	}
	if start < len(p) {
		out = append(out, finish(p[start:]))
	}
	return out
}

func isStop(b byte) bool { return b == '.' || b == '!' || b == '?' }

// finish trims a sentence and ends it with terminal punctuation.
func finish(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimRight(s, ",;: ")
	if s == "" {
		return s
	}
	if !isStop(s[len(s)-1]) {
		s += "."
	}
	return s
}

// sentence returns a random sentence.
func (c *corpus) sentence(r *rand.Rand) string {
	return c.sentences[r.IntN(len(c.sentences))]
}

// paragraph joins n random sentences.
func (c *corpus) paragraph(r *rand.Rand, n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = c.sentence(r)
	}
	return strings.Join(parts, " ")
}

// clause returns the first clause of a random sentence, at most max runes,
// cut at a word boundary and without trailing punctuation.
func (c *corpus) clause(r *rand.Rand, max int) string {
	return clauseOf(c.sentence(r), max)
}

func clauseOf(s string, max int) string {
	if i := strings.IndexAny(s, ";:"); i > 0 {
		s = s[:i]
	}
	if utf8.RuneCountInString(s) > max {
		s = truncateRunes(s, max)
		if i := strings.LastIndexByte(s, ','); i > len(s)/2 {
			s = s[:i]
		} else if i := strings.LastIndexByte(s, ' '); i > 0 {
			s = s[:i]
		}
	}
	return strings.TrimRight(s, " ,.;:-–(")
}

func truncateRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// lowerFirst lower-cases the first letter, for clauses used mid-sentence.
func lowerFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 || !unicode.IsUpper(r) {
		return s
	}
	// Keep proper names ("Ban ...", "Trung ương", "Đảng") capitalised.
	for _, p := range []string{"Ban ", "Trung ương", "Đảng ", "Mặt trận", "Tỉnh ủy", "Nhân dân", "Nghị quyết"} {
		if strings.HasPrefix(s, p) {
			return s
		}
	}
	return string(unicode.ToLower(r)) + s[size:]
}
