// The documentation's Swift examples are extracted next to this file by
// scripts/extract-doc-snippets (CI runs it); this file keeps the target non-empty.
enum DocSnippets {}
