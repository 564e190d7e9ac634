package generator

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/asyncgen/asyncgen/generator/config"
)

// TestInitialisms: go.initialisms reach every Go name lower decides: event
// names, property fields, branch and enum constant suffixes.
func TestInitialisms(t *testing.T) {
	dir := t.TempDir()
	contract := `asyncapi: 2.6.0
info: {title: Shipping, version: 1.0.0}
channels:
  shipment.dhl_booked:
    subscribe:
      message:
        payload:
          type: object
          properties:
            amount_eur: {type: number}
            payer_iban: {type: string}
            carrier: {type: string, enum: [dhl, ups]}
`
	if err := os.WriteFile(filepath.Join(dir, "shipping.yaml"), []byte(contract), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := config.Default(dir)
	cfg.Contracts = dir
	cfg.Go.Initialisms = []string{"EUR", "IBAN", "DHL"}
	res, err := Lint(Options{Config: cfg, Cwd: dir})
	if err != nil {
		t.Fatal(err)
	}
	ev := res.IR.Events[0]
	if ev.GoName != "ShipmentDHLBooked" {
		t.Errorf("event GoName = %s", ev.GoName)
	}
	var fields []string
	for _, p := range ev.Payload.Properties {
		fields = append(fields, p.GoName)
	}
	if len(fields) != 3 || fields[0] != "AmountEUR" || fields[1] != "PayerIBAN" {
		t.Errorf("fields = %v", fields)
	}
	if enum := ev.Payload.Properties[2].Schema.GoEnum; len(enum) != 2 || enum[0] != "DHL" {
		t.Errorf("enum suffixes = %v", enum)
	}
}
