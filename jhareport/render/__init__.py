"""Rendering: records merged into the Word templates, written as deterministic .docx files."""

from .build import DOCUMENTS, BuildError, BuildResult, build, template_environment

__all__ = ["DOCUMENTS", "BuildError", "BuildResult", "build", "template_environment"]
