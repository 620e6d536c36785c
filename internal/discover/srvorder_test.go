package discover_test

import (
	"net"
	"strings"
	"testing"

	"github.com/setupwiz/setupwiz/internal/discover"
)

// scripted returns the given values in turn, checking each is in range.
func scripted(t *testing.T, values ...int) func(int) int {
	return func(n int) int {
		if len(values) == 0 {
			t.Fatalf("more random draws than scripted")
		}
		v := values[0]
		values = values[1:]
		if v < 0 || v >= n {
			t.Fatalf("scripted draw %d out of range [0,%d)", v, n)
		}
		return v
	}
}

func targets(rs []*net.SRV) string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Target)
	}
	return strings.Join(out, " ")
}

func TestOrderSRVFollowsRFC2782(t *testing.T) {
	recs := []*net.SRV{
		{Target: "backup.", Priority: 20, Weight: 0},
		{Target: "a.", Priority: 10, Weight: 60},
		{Target: "b.", Priority: 10, Weight: 40},
		{Target: "zero.", Priority: 10, Weight: 0},
	}
	cases := []struct {
		name  string
		draws []int
		want  string
	}{
		// Sum order within priority 10 is zero(0), a(60), b(100).
		{"draw 0 picks the zero-weight record", []int{0, 1, 1}, "zero. a. b. backup."},
		{"draw 60 picks a", []int{60, 0, 1}, "a. zero. b. backup."},
		{"draw 61 picks b", []int{61, 0, 1}, "b. zero. a. backup."},
		{"draw 100 picks b", []int{100, 30, 1}, "b. a. zero. backup."},
	}
	for _, c := range cases {
		got := targets(discover.OrderSRVForTest(recs, scripted(t, c.draws...)))
		if got != c.want {
			t.Errorf("%s: order = %s, want %s", c.name, got, c.want)
		}
	}
}

func TestOrderSRVWeightsAreProportional(t *testing.T) {
	recs := []*net.SRV{{Target: "heavy.", Weight: 90}, {Target: "light.", Weight: 10}}
	first := map[string]int{}
	for n := 0; n <= 100; n++ { // every possible draw once
		draws := []int{n, 0}
		first[discover.OrderSRVForTest(recs, scripted(t, draws...))[0].Target]++
	}
	if first["heavy."] != 91 || first["light."] != 10 {
		t.Errorf("first picks over all 101 draws = %v, want heavy 91, light 10", first)
	}
}
