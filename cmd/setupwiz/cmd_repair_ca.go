package main

import (
	"path/filepath"

	"github.com/setupwiz/setupwiz/internal/profile"
	"github.com/setupwiz/setupwiz/internal/repair"
)

// adoptCAFile makes --ca-file the profile's own CA file when it has none
// (an imported profile): saved once the settings verify with it.
func (r *repairRun) adoptCAFile(p *profile.Profile) {
	if r.x.caFile == "" || p.TLS.CAFile != "" {
		return
	}
	if abs, err := filepath.Abs(r.x.caFile); err == nil {
		p.TLS.CAFile, r.adopted = abs, true
	}
}

// caPlan adds an adopted CA file to the plan.
func (r *repairRun) caPlan(plan *repair.Plan) {
	if r.adopted {
		plan.Changes = append(plan.Changes, "the profile's CA file: none → "+plan.Profile.TLS.CAFile)
	}
}
