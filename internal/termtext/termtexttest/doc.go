// Package termtexttest is the hostile-input property test's kit: strings that
// try to steer a terminal, a filler that puts one into every string field of a
// value, and a checker that finds any of it come out raw. Tests only: no
// shipped package links it (internal/archtest checks).
package termtexttest
