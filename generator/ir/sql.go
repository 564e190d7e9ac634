package ir

// EventSQL holds the SQL names decided for an event in lower (sqlnames.go).
type EventSQL struct{}

// StreamSQL holds the SQL names decided for a stream in lower (sqlnames.go).
type StreamSQL struct{}
