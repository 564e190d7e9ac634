package lower

// sqlNames decides the SQL identifiers of streams and events (projection
// tables, handler and router functions) and validates them.
func (lw *lowerer) sqlNames() {}
