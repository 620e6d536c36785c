// Package archtest holds the test that keeps the import rule of ARCHITECTURE.md true.
package archtest
