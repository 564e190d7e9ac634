package gogen

// MarkdownComments are FuzzComment's Markdown seeds, for the external
// tests that generate whole packages from them.
var MarkdownComments = markdownComments
