package sqlgen

import "github.com/asyncgen/asyncgen/generator/ir"

// eventStoreView feeds event_store.sql.tmpl.
type eventStoreView struct {
	// Registry is RegistryDDL's text.
	Registry string
	Table    string
	// Constraint and index names.
	SequenceKey, VersionKey, VersionCheck, FormatCheck string
	EventTypeIndex, UnprocessedIndex                   string
	// Pattern is the event-type format as a literal; "" when lint does not
	// enforce one (the CHECK is dropped).
	Pattern string
}

func (g *gen) eventStore() (*eventStoreView, error) {
	pattern := ""
	if !g.o.NoEventTypeCheck {
		var err error
		if pattern, err = literal(g.o.EventTypePattern); err != nil {
			return nil, err
		}
	}
	name := func(suffix string) string { return ident(ir.SQLShortName(g.o.EventStore + suffix)) }
	return &eventStoreView{
		Registry:         RegistryDDL(g.o),
		Table:            g.store,
		SequenceKey:      name("_sequence_number_key"),
		VersionKey:       name("_stream_version_key"),
		VersionCheck:     name("_stream_version_check"),
		FormatCheck:      name("_event_type_format"),
		EventTypeIndex:   name("_event_type_idx"),
		UnprocessedIndex: name("_unprocessed_idx"),
		Pattern:          pattern,
	}, nil
}
