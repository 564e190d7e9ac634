// Package asyncgen holds the go:generate directive that regenerates the
// checked-in outputs (gen/) from contracts/: run `go generate ./...` (or
// `make generate`) after changing a contract.
package asyncgen

//go:generate go run ./cmd/asyncgen generate
