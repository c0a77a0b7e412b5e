package model

import (
	"maps"
	"slices"

	"github.com/kehoach/kehoach/internal/source"
)

// A group is an agency that stands for others: the plan gives tasks to
// "các đảng đoàn, ban cán sự đảng" as one, and each of them must do them.
// Its file names them (members = ["dang-doan-hdnd", …]); each member's
// page, counts, calendar and search filter then hold the group's tasks
// beside its own, and the task's page still names the group, as the plan
// does.

// Groups are the agencies that stand for others, in the site's order.
func (s *Site) Groups() []*Agency {
	var out []*Agency
	for _, a := range s.Agencies {
		if len(a.Members) > 0 {
			out = append(out, a)
		}
	}
	return out
}

// resolveGroups resolves the members of every group and gives each member
// the group's tasks, once every task is resolved.
func (s *Site) resolveGroups() {
	at := map[*Agency]source.Pos{} // where each group names its members
	for _, slug := range slices.Sorted(maps.Keys(s.agencies)) {
		g := s.agencies[slug]
		if !g.group {
			continue
		}
		fl := newFields(g.Meta, &s.errs)
		at[g] = fl.meta.KeyPos("members")
		names := fl.strs("members")
		if len(names) == 0 {
			s.Warnings.Add(at[g], "members is empty: a group names the agencies it stands for, or the key is removed")
		}
		seen := map[*Agency]bool{}
		for _, m := range names {
			a := s.agencies[m]
			switch {
			case a == nil:
				s.noAgency(at[g], "members", m)
				continue
			case a == g:
				fl.errorf("members", "members names %q, the group itself", m)
				continue
			case seen[a]:
				fl.errorf("members", "members names %q twice", m)
				continue
			}
			seen[a] = true
			g.Members = append(g.Members, a)
			a.MemberOf = append(a.MemberOf, g)
		}
	}
	for _, g := range s.Agencies {
		for _, m := range g.Members {
			if m.group {
				s.errs.Add(at[g], "members: %q is a group itself (its file names members): name its members instead", m.Slug)
				continue
			}
			for _, t := range g.Leads { // a member the task names as a partner leads it too, as the group does
				if i := slices.Index(m.Partners, t); i >= 0 {
					m.Partners = slices.Delete(m.Partners, i, i+1)
				}
				if !slices.Contains(m.Leads, t) {
					m.Leads = append(m.Leads, t)
				}
			}
			for _, t := range g.Partners {
				if !slices.Contains(m.Leads, t) && !slices.Contains(m.Partners, t) {
					m.Partners = append(m.Partners, t)
				}
			}
		}
	}
}
