"""The HTML edition: the same views, filters and sandbox as the Word documents, written as web
pages by Jinja2 HTML templates, with inline SVG charts and one stylesheet; `site` for every
year and language of a fixtures folder."""
