package sitegen

import "fmt"

// agency is one agency page.
type agency struct {
	slug, title, short, kind string
	weight                   int
}

// agencyTemplates are plausible agency names; each is used twice with
// different numbers to make AgencyCount agencies.
var agencyTemplates = [...]struct{ kind, title, short string }{
	{"ban-dang", "Ban Tổ chức Huyện ủy %02d", "Ban Tổ chức %02d"},
	{"ban-dang", "Ban Tuyên giáo Huyện ủy %02d", "Ban Tuyên giáo %02d"},
	{"ban-dang", "Ban Dân vận Huyện ủy %02d", "Ban Dân vận %02d"},
	{"ban-dang", "Ủy ban Kiểm tra Huyện ủy %02d", "UBKT %02d"},
	{"cap-uy", "Huyện ủy %02d", "Huyện ủy %02d"},
	{"cap-uy", "Thành ủy %02d", "Thành ủy %02d"},
	{"cap-uy", "Đảng ủy Khối Cơ quan - Doanh nghiệp %02d", "Đảng ủy Khối %02d"},
	{"dang-doan", "Đảng đoàn Mặt trận Tổ quốc Việt Nam %02d", "Đảng đoàn MTTQ %02d"},
	{"dang-doan", "Đảng đoàn Liên đoàn Lao động %02d", "Đảng đoàn LĐLĐ %02d"},
	{"doan-the", "Ban Thường vụ Tỉnh đoàn %02d", "Tỉnh đoàn %02d"},
	{"doan-the", "Hội Nông dân %02d", "Hội Nông dân %02d"},
	{"doan-the", "Hội Liên hiệp Phụ nữ %02d", "Hội Phụ nữ %02d"},
	{"co-quan", "Văn phòng Huyện ủy %02d", "Văn phòng %02d"},
	{"co-quan", "Trung tâm Chính trị %02d", "TTCT %02d"},
	{"trung-uong", "Vụ Địa phương %02d, Ban Tổ chức Trung ương", "Vụ Địa phương %02d"},
}

// agencies returns the AgencyCount agencies a01..a30 in weight order.
func agencies() []agency {
	out := make([]agency, AgencyCount)
	for i := range out {
		t := agencyTemplates[i%len(agencyTemplates)]
		n := i + 1
		out[i] = agency{
			slug:   fmt.Sprintf("a%02d", n),
			title:  fmt.Sprintf(t.title, n),
			short:  fmt.Sprintf(t.short, n),
			kind:   t.kind,
			weight: 10 * n,
		}
	}
	return out
}
