// Command asyncgen turns AsyncAPI 2.x event contracts into code an
// event-sourced Go + PostgreSQL system can trust.
package main

import (
	"context"
	"os"
)

func main() {
	os.Exit(run(context.Background(), os.Args, os.Stdout, os.Stderr))
}
