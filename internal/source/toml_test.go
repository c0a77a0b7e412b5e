package source

import "testing"

// TestDecodeTOMLWrongType: a value of the wrong type is named by its key,
// within a list of tables too, and by what the key takes, in words.
func TestDecodeTOMLWrongType(t *testing.T) {
	var v struct {
		UnsafeHTML bool `toml:"unsafe_html"`
		Indicator  []struct {
			Figures []struct {
				Year  *int     `toml:"year"`
				Value *float64 `toml:"value"`
			} `toml:"figures"`
		} `toml:"indicator"`
	}
	tests := []struct{ raw, want string }{
		{"unsafe_html = \"yes\"\n", `f.toml:1:15: unsafe_html must be true or false, not text`},
		{"[[indicator]]\nfigures = [{ year = \"2023\", value = 1 }]\n", `f.toml:2:21: indicator.figures.year must be a whole number, not text`},
		{"[[indicator]]\nfigures = [{ year = 2023, value = 2023-01-01 }]\n", `f.toml:2:35: indicator.figures.value must be a number, not a date`},
		{"indicator = 5\n", `f.toml:1:13: indicator must be a list, not a whole number`},
		{"[[indicator]]\nfigures = \"x\"\n", `f.toml:2:11: indicator.figures must be a list, not text`},
	}
	for _, tt := range tests {
		err := DecodeTOML("f.toml", []byte(tt.raw), &v)
		if err == nil || err.Error() != tt.want {
			t.Errorf("%q: %v, want %s", tt.raw, err, tt.want)
		}
	}
}
