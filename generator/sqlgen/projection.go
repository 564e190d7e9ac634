package sqlgen

import (
	"fmt"
	"strings"

	"github.com/asyncgen/asyncgen/generator/ir"
)

// projectionView feeds projection.sql.tmpl: the tables one stream owns.
type projectionView struct {
	Stream string // for a comment
	// Tenancy is false with sql.tenant: none.
	Tenancy bool
	Tables  []*tableView
}

type tableView struct {
	Name    string // qualified
	Comment string // literal
	Key     *columnView
	// Tenant is the tenant column (TenantIsKey when the key is the tenant),
	// nil with sql.tenant: none; System the other bookkeeping columns; Keys
	// the key and tenant, once.
	Tenant      *columnView
	TenantIsKey bool
	Keys        []*columnView
	System      []*columnView
	Columns     []*columnView
	Indexes     []*indexView
	// Width aligns column types.
	Width int
	// Policy is the RLS policy name; TenantClaim the claim expression.
	Policy      string
	TenantClaim string
}

type columnView struct {
	Name    string // quoted as needed
	Type    string // with NOT NULL / DEFAULT where the DDL needs them
	Comment string // literal, or ""
}

type indexView struct {
	Name, Column string
}

func (g *gen) projections(st *ir.Stream) (*projectionView, error) {
	v := &projectionView{Stream: oneLine(st.Name), Tenancy: !g.o.NoTenant}
	for _, t := range st.SQL.Tables {
		tv, err := g.table(t)
		if err != nil {
			return nil, err
		}
		v.Tables = append(v.Tables, tv)
	}
	return v, nil
}

func (g *gen) table(t *ir.ProjectionTable) (*tableView, error) {
	if err := checkIdent("projection table", t.Name); err != nil {
		return nil, err
	}
	col := func(name, typ, comment string) (*columnView, error) {
		if err := checkIdent(fmt.Sprintf("column of %s", t.Name), name); err != nil {
			return nil, err
		}
		c := &columnView{Name: ident(name), Type: typ}
		if comment != "" {
			l, err := literal(comment)
			if err != nil {
				return nil, err
			}
			c.Comment = l
		}
		return c, nil
	}
	streams := strings.Join(t.Streams, ", ")
	comment, err := literal(fmt.Sprintf("Read model of stream type %s, maintained by the generated handlers of %s.", streams, strings.Join(t.Events, ", ")))
	if err != nil {
		return nil, err
	}
	v := &tableView{Name: g.q(t.Name), Comment: comment}
	keyDoc := t.Key.Description
	if keyDoc == "" {
		keyDoc = "Row key (" + t.Key.Name + ")."
	}
	if v.Key, err = col(t.Key.Name, t.Key.Type+" NOT NULL PRIMARY KEY", keyDoc); err != nil {
		return nil, err
	}
	v.Keys = []*columnView{v.Key}
	switch {
	case g.o.NoTenant:
	case t.TenantIsKey:
		// The row key is the tenant itself (a tenant's own record).
		v.TenantIsKey, v.Tenant = true, v.Key
	default:
		if v.Tenant, err = col(g.o.TenantColumn, "uuid", fmt.Sprintf("Tenant; users see the rows of the tenant in their JWT claim %q only (row-level security).", g.o.TenantClaim)); err != nil {
			return nil, err
		}
		v.Keys = append(v.Keys, v.Tenant)
	}
	for _, s := range []struct{ name, typ, doc string }{
		{"created_at", "timestamptz NOT NULL DEFAULT now()", "When the row was created (the creating event's created_at, else its time of storage)."},
		{"updated_at", "timestamptz NOT NULL DEFAULT now()", "When the last event touched the row."},
		{"deleted_at", "timestamptz", "Set by a delete event (soft delete); NULL while the row is live."},
		{"last_event_id", "uuid", "Id of the last event applied to the row."},
	} {
		c, err := col(s.name, s.typ, s.doc)
		if err != nil {
			return nil, err
		}
		v.System = append(v.System, c)
	}
	for _, c := range t.Columns {
		if c.Name == g.o.TenantColumn {
			continue
		}
		cv, err := col(c.Name, c.Type, c.Description)
		if err != nil {
			return nil, err
		}
		v.Columns = append(v.Columns, cv)
	}
	for _, ix := range t.Indexes {
		if err := checkIdent("index", ix.Name); err != nil {
			return nil, err
		}
		v.Indexes = append(v.Indexes, &indexView{Name: ident(ix.Name), Column: ident(ix.Column)})
	}
	for _, c := range append(append(append([]*columnView(nil), v.Keys...), v.System...), v.Columns...) {
		v.Width = max(v.Width, len(c.Name))
	}
	if v.Tenant == nil {
		return v, nil // sql.tenant: none: no policy
	}
	if err := checkIdent("policy", t.Policy); err != nil {
		return nil, err
	}
	v.Policy = ident(t.Policy)
	claim, err := literal(g.o.TenantClaim)
	if err != nil {
		return nil, err
	}
	v.TenantClaim = fmt.Sprintf("(NULLIF(current_setting('request.jwt.claims', true), '')::json->>%s)::uuid", claim)
	return v, nil
}
