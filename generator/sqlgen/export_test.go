package sqlgen

// Literal exposes the escaping function to the external tests.
var Literal = literal
