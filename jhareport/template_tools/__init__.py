"""Reading templates for people and tools: show, lint, the schema of what a template may use,
and the template reference."""
