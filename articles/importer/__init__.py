"""Turning scraped seed documents into articles, authors, tags and glossary terms."""
